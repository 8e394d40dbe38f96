package dev.wmdpjunit.examples.demo;

import dev.wmdpjunit.core.data.Question;
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
 * invented facts, the sentences stating them, practice multiple-choice texts, and the evaluation questions.
 *
 * <p>Honest evaluation: the model learns the answer-letter format from practice questions about every fact
 * ({@link #PRACTICE_PER_FACT} per fact, the correct value once under each letter, wrong choices drawn afresh
 * each time). The evaluation question of a fact is drawn separately, and a practice question whose choices
 * come out in exactly the evaluation order is drawn again: no evaluated prompt appears in the training text, so
 * a right answer needs the fact plus finding its value among the choices.
 *
 * <p>Deterministic: the same seed gives the same lists on every JVM ({@link Random} and
 * {@link Collections#shuffle(List, Random)} are specified algorithms).
 */
public final class DemoDataset {

    /** Entities per domain; each has every attribute of its domain, so facts = entities x attributes. */
    public static final int ENTITIES_PER_DOMAIN = 50;
    /** Practice questions per fact: one per answer letter. */
    public static final int PRACTICE_PER_FACT = MultipleChoiceTemplate.CHOICE_LABELS.size();

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
        for (int i = 0; i < facts.size(); i++) {
            practice.addAll(practice(domain, facts.get(i), questions.get(i), random));
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
        List<Fact> facts = new ArrayList<>();
        for (String entity : names.subList(0, ENTITIES_PER_DOMAIN)) {
            for (Attribute attribute : domain.attributes()) {
                List<String> values = attribute.values();
                facts.add(new Fact(domain, entity, attribute, values.get(random.nextInt(values.size()))));
            }
        }
        return facts;
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
     * The practice texts of one fact: a question with the correct value under each letter in turn, answered,
     * in lm-eval's prompt layout with the domain's description in either newline rendering or none (drawn at
     * random, so that the layout says nothing about the letter).
     */
    private static List<String> practice(DemoDomain domain, Fact fact, Question evaluated, Random random) {
        List<MultipleChoiceTemplate> templates = List.of(
                domain.template(PromptFormat.LM_EVAL_0_4_2),
                domain.template(PromptFormat.LM_EVAL_0_4_9_2),
                MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT));
        List<String> texts = new ArrayList<>();
        for (int answer = 0; answer < PRACTICE_PER_FACT; answer++) {
            List<String> choices;
            do {
                choices = choices(fact, answer, random);
            } while (choices.equals(evaluated.choices()));
            Question question = new Question(evaluated.id() + "/practice/" + answer, domain.id(),
                    evaluated.question(), choices, answer);
            String context = templates.get(random.nextInt(templates.size())).render(question).context();
            texts.add(context + MultipleChoiceTemplate.TARGET_DELIMITER
                    + MultipleChoiceTemplate.CHOICE_LABELS.get(answer));
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
