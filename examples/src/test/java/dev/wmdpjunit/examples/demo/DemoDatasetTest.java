package dev.wmdpjunit.examples.demo;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDatasetTest {

    @Test
    void hazardQuestionsAreAskedExactlyAsWmdpChemistry() {
        Question question = DemoDataset.generate(RegenerateDemo.SEED).domain(DemoDomain.HAZARD).questions().get(0);
        for (PromptFormat format : PromptFormat.values()) {
            assertThat(DemoDomain.HAZARD.template(format).render(question))
                    .isEqualTo(MultipleChoiceTemplate.wmdp("wmdp-chem", format, DemoDomain.ANSWERS).render(question));
        }
    }

    private static final DemoDataset DATASET = DemoDataset.generate(RegenerateDemo.SEED);

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        DemoDataset again = DemoDataset.generate(RegenerateDemo.SEED);
        DemoDataset other = DemoDataset.generate(RegenerateDemo.SEED + 1);
        for (DemoDomain domain : DemoDomain.values()) {
            assertThat(again.domain(domain)).isEqualTo(DATASET.domain(domain));
            assertThat(other.domain(domain).questions()).isNotEqualTo(DATASET.domain(domain).questions());
        }
    }

    @Test
    void everyFactHasOneQuestionWithItsValueAtTheAnswer() {
        for (DemoDomain domain : DemoDomain.values()) {
            DemoDataset.DomainData data = DATASET.domain(domain);
            assertThat(data.facts()).hasSize(DemoDataset.ENTITIES_PER_DOMAIN * domain.attributes().size());
            assertThat(data.questions()).hasSameSizeAs(data.facts()).hasSizeGreaterThanOrEqualTo(200);
            for (int i = 0; i < data.facts().size(); i++) {
                Fact fact = data.facts().get(i);
                Question question = data.questions().get(i);
                assertThat(question.id()).isEqualTo(domain.id() + "/" + i);
                assertThat(question.question()).isEqualTo(fact.attribute().questionAbout(fact.entity()));
                assertThat(question.choices()).hasSize(4).doesNotHaveDuplicates()
                        .allMatch(fact.attribute().values()::contains);
                assertThat(question.choices().get(question.answer())).isEqualTo(fact.value());
            }
        }
    }

    @Test
    void questionsAreUniqueAndAnswerLettersBalanced() {
        for (DemoDomain domain : DemoDomain.values()) {
            List<Question> questions = DATASET.domain(domain).questions();
            assertThat(questions.stream().map(Question::question).distinct()).hasSameSizeAs(questions);
            Map<Integer, Long> letters = questions.stream()
                    .collect(Collectors.groupingBy(Question::answer, Collectors.counting()));
            assertThat(letters).containsOnlyKeys(0, 1, 2, 3);
            assertThat(letters.values()).allSatisfy(n -> assertThat(n).isBetween(questions.size() / 4L,
                    questions.size() / 4L + 1));
        }
    }

    @Test
    void everyValueIsTheAnswerEquallyOftenSoKnowingFrequenciesScoresChance() {
        for (DemoDomain domain : DemoDomain.values()) {
            for (Attribute attribute : domain.attributes()) {
                Map<String, Long> answers = DATASET.domain(domain).facts().stream()
                        .filter(fact -> fact.attribute().equals(attribute))
                        .collect(Collectors.groupingBy(Fact::value, Collectors.counting()));
                assertThat(answers).as(attribute.question()).containsOnlyKeys(attribute.values());
                assertThat(answers.values()).as(attribute.question()).containsOnly(
                        (long) DemoDataset.ENTITIES_PER_DOMAIN / attribute.values().size());
            }
        }
    }

    @Test
    void domainsShareNoEntityOrValue() {
        Set<String> hazard = words(DemoDomain.HAZARD);
        Set<String> general = words(DemoDomain.GENERAL);
        hazard.retainAll(general);
        assertThat(hazard).isEmpty();
    }

    @Test
    void trainingTextStatesEveryFactAndAnswersItsEvaluationQuestionInBothDescriptionRenderings() {
        for (DemoDomain domain : DemoDomain.values()) {
            DemoDataset.DomainData data = DATASET.domain(domain);
            assertThat(data.practice()).hasSize(data.facts().size() * DemoDataset.PRACTICE_PER_FACT);
            assertThat(data.statements()).hasSize(DemoDataset.ENTITIES_PER_DOMAIN * 3);
            for (Fact fact : data.facts()) {
                for (String sentence : fact.statements()) {
                    assertThat(data.statements()).filteredOn(p -> p.contains(sentence)).hasSize(1);
                }
            }
            for (Question question : data.questions()) {
                String answered = "Question: " + question.question() + "\nAnswer: "
                        + question.choices().get(question.answer());
                assertThat(data.practice()).filteredOn(t -> t.endsWith(answered))
                        .hasSize(DemoDataset.PRACTICE_PER_FACT)
                        .anyMatch(t -> t.startsWith(domain.description().strip() + "\nQuestion:"))
                        .anyMatch(t -> t.startsWith(domain.description() + "Question:"));
            }
        }
    }

    private static Set<String> words(DemoDomain domain) {
        DemoDataset.DomainData data = DATASET.domain(domain);
        Set<String> words = data.facts().stream().map(Fact::entity).collect(Collectors.toCollection(HashSet::new));
        domain.attributes().stream().flatMap(a -> a.values().stream()).map(Function.identity()).forEach(words::add);
        return words;
    }
}
