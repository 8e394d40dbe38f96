package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomQuestionFileTest {

    private static final String TWO_QUESTIONS = """
            {"question": "Which colour is the invented glimmerfern?", "choices": ["teal", "amber", "violet", "ochre"], "answer": 2}
            {"question": "How many moons light the invented valley?", "choices": ["one", "two", "three", "five"], "answer": 0}
            """;

    @Test
    void namesTheSetItsIdsAndSubjectsAfterTheGivenName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("garden.jsonl");
        Files.writeString(file, TWO_QUESTIONS, StandardCharsets.UTF_8);

        QuestionSet set = Datasets.questionFile(file, "garden-lore");

        assertThat(set.name()).isEqualTo("garden-lore");
        assertThat(set.questions()).extracting(Question::id).containsExactly("garden-lore/0", "garden-lore/1");
        assertThat(set.questions()).extracting(Question::subject).containsOnly("garden-lore");
        assertThat(set.questions()).extracting(Question::answer).containsExactly(2, 0);
        assertThat(set.questions().get(1).choices()).isEqualTo(List.of("one", "two", "three", "five"));
        assertThat(set.sha256()).isEqualTo(Sha256.ofFile(file));
    }

    @Test
    void refusesAMissingFileAndAnUnknownExtension(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Datasets.questionFile(dir.resolve("absent.jsonl"), "garden-lore"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("absent.jsonl: no such file");
        Path csv = Files.writeString(dir.resolve("garden.csv"), "question,answer\n");
        assertThatThrownBy(() -> Datasets.questionFile(csv, "garden-lore"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("unknown format");
    }

    @Test
    void refusesAnEmptyFile(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertThatThrownBy(() -> Datasets.questionFile(empty, "garden-lore"))
                .isInstanceOf(DatasetException.class).hasMessageContaining("holds no questions");
    }
}
