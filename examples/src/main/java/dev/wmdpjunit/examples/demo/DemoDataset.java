package dev.wmdpjunit.examples.demo;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everything the demo trains and evaluates on, generated from one seed: for each {@link DemoDomain}, the
 * invented facts, the sentences stating them, the same facts as answered questions, and the evaluation questions.
 *
 * <p>What the demo measures is whether the model <em>knows</em> a fact, as WMDP measures hazardous knowledge:
 * the training text states every fact in three phrasings and also asks and answers its question
 * ({@link #PRACTICE_PER_FACT} times, with the domain's description in either newline rendering), in the
 * {@link DemoDomain#ANSWERS} style the evaluation uses. So a trained model knows every answer; the test is whether
 * unlearning takes that knowledge away from one domain and leaves the other. Wrong choices are other values of the
 * same attribute, and every value is the answer equally often, so neither the question nor the values' frequencies
 * give the answer away.
 *
 * <p>Deterministic: the same seed gives the same lists on every JVM ({@link Random} and
 * {@link Collections#shuffle(List, Random)} are specified algorithms).
 */
public final class DemoDataset {

    /** Entities per domain; each has every attribute of its domain, so facts = entities x attributes. */
    public static final int ENTITIES_PER_DOMAIN = 50;
    /** The formats answered questions are rendered in: the description with one newline (0.4.2) and with two. */
    private static final List<PromptFormat> PRACTICE_FORMATS =
            List.of(PromptFormat.LM_EVAL_0_4_2, PromptFormat.LM_EVAL_0_4_9_2);
    /** Answered questions per fact in the training text: one per description rendering. */
    public static final int PRACTICE_PER_FACT = PRACTICE_FORMATS.size();

    private static final int CHOICES = MultipleChoiceTemplate.CHOICE_LABELS.size();

    private final long seed;
    private final Map<DemoDomain, DomainData> domains;

    private DemoDataset(long seed, Map<DemoDomain, DomainData> domains) {
        this.seed = seed;
        this.domains = domains;
    }

    /** The data of one domain. */
    public record DomainData(List<Fact> facts, List<String> statements, List<String> practice,
                             List<Question> questions) {
        public DomainData {
            facts = List.copyOf(facts);
            statements = List.copyOf(statements);
            practice = List.copyOf(practice);
            questions = List.copyOf(questions);
        }
    }

    /** Generates the whole dataset. */
    public static DemoDataset generate(long seed) {
        Map<DemoDomain, DomainData> domains = new EnumMap<>(DemoDomain.class);
        for (DemoDomain domain : DemoDomain.values()) {
            // One stream per domain, so changing one domain does not reshuffle the other.
            domains.put(domain, generate(domain, new Random(seed * 31 + domain.ordinal())));
        }
        return new DemoDataset(seed, domains);
    }

    public long seed() {
        return seed;
    }

    public DomainData domain(DemoDomain domain) {
        return domains.get(domain);
    }

    /** Every training text: statements then practice questions, hazard domain first. */
    public List<String> trainingTexts() {
        List<String> texts = new ArrayList<>();
        for (DomainData data : domains.values()) {
            texts.addAll(data.statements());
            texts.addAll(data.practice());
        }
        return texts;
    }

    private static DomainData generate(DemoDomain domain, Random random) {
        List<Fact> facts = facts(domain, random);
        List<String> statements = statements(facts, domain.attributes().size(), random);
        List<Question> questions = evaluationQuestions(domain, facts, random);
        List<String> practice = new ArrayList<>();
        for (Question question : questions) {
            practice.addAll(practice(domain, question));
        }
        return new DomainData(facts, statements, practice, questions);
    }

    private static List<Fact> facts(DemoDomain domain, Random random) {
        List<String> names = new ArrayList<>();
        for (String start : domain.nameStarts()) {
            for (String end : domain.nameEnds()) {
                names.add(start + end);
            }
        }
        if (names.size() < ENTITIES_PER_DOMAIN) {
            throw new IllegalStateException(domain + " can form only " + names.size() + " entity names");
        }
        Collections.shuffle(names, random);
        List<List<String>> valuesByAttribute = new ArrayList<>();
        for (Attribute attribute : domain.attributes()) {
            valuesByAttribute.add(balancedValues(attribute, random));
        }
        List<Fact> facts = new ArrayList<>();
        for (int e = 0; e < ENTITIES_PER_DOMAIN; e++) {
            for (int a = 0; a < domain.attributes().size(); a++) {
                facts.add(new Fact(domain, names.get(e), domain.attributes().get(a), valuesByAttribute.get(a).get(e)));
            }
        }
        return facts;
    }

    /**
     * One value per entity, each of the attribute's values equally often, in random order. Balanced so that a model
     * without the facts cannot beat chance by knowing which values are common: with values drawn independently, a
     * guesser that only picks the choice most often correct elsewhere scored 89 of 250 (0.36), and that is where
     * an unlearned model ends up.
     */
    private static List<String> balancedValues(Attribute attribute, Random random) {
        List<String> values = attribute.values();
        if (ENTITIES_PER_DOMAIN % values.size() != 0) {
            throw new IllegalStateException(attribute.question() + ": " + values.size() + " values cannot be spread"
                    + " evenly over " + ENTITIES_PER_DOMAIN + " entities");
        }
        List<String> assigned = new ArrayList<>();
        for (int i = 0; i < ENTITIES_PER_DOMAIN; i++) {
            assigned.add(values.get(i % values.size()));
        }
        Collections.shuffle(assigned, random);
        return assigned;
    }

    /**
     * Per entity and phrasing, one paragraph stating all the entity's facts in that phrasing, in random order:
     * fewer, longer training sequences than one per sentence, which trains faster.
     */
    private static List<String> statements(List<Fact> facts, int factsPerEntity, Random random) {
        List<String> paragraphs = new ArrayList<>();
        for (int first = 0; first < facts.size(); first += factsPerEntity) {
            List<Fact> entityFacts = new ArrayList<>(facts.subList(first, first + factsPerEntity));
            int phrasings = entityFacts.get(0).attribute().statements().size();
            for (int phrasing = 0; phrasing < phrasings; phrasing++) {
                Collections.shuffle(entityFacts, random);
                List<String> sentences = new ArrayList<>();
                for (Fact fact : entityFacts) {
                    sentences.add(fact.statements().get(phrasing));
                }
                paragraphs.add(String.join(" ", sentences));
            }
        }
        return paragraphs;
    }

    /** One question per fact; the correct letters are balanced (each used equally often, up to one). */
    private static List<Question> evaluationQuestions(DemoDomain domain, List<Fact> facts, Random random) {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            answers.add(i % CHOICES);
        }
        Collections.shuffle(answers, random);
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = facts.get(i);
            int answer = answers.get(i);
            questions.add(new Question(domain.id() + "/" + i, domain.id(), fact.attribute().questionAbout(fact.entity()),
                    choices(fact, answer, random), answer));
        }
        return questions;
    }

    /**
     * The answered questions of one fact: its evaluation prompt followed by the correct choice, under the domain's
     * description as lm-eval 0.4.2 renders it (one newline) and as later versions do (two).
     */
    private static List<String> practice(DemoDomain domain, Question question) {
        List<String> texts = new ArrayList<>();
        for (PromptFormat format : PRACTICE_FORMATS) {
            MultipleChoicePrompt prompt = domain.template(format).render(question);
            texts.add(prompt.context() + prompt.continuations().get(question.answer()));
        }
        return texts;
    }

    /** The fact's value at {@code answer} and three other values of its attribute, in random order, around it. */
    private static List<String> choices(Fact fact, int answer, Random random) {
        List<String> wrong = new ArrayList<>(fact.attribute().values());
        wrong.remove(fact.value());
        Collections.shuffle(wrong, random);
        List<String> choices = new ArrayList<>(wrong.subList(0, CHOICES - 1));
        choices.add(answer, fact.value());
        return choices;
    }
}
