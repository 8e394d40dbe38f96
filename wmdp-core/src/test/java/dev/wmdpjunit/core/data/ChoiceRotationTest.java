package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceRotationTest {

    private final Question question = new Question("set/0", "set", "Which colour?", List.of("red", "green", "blue",
            "grey"), 2);

    @Test
    void rotatingMovesEveryChoiceOnePlaceAndTheGoldWithItsText() {
        Question once = ChoiceRotation.rotate(question, 1);
        assertThat(once.choices()).containsExactly("green", "blue", "grey", "red");
        assertThat(once.choices().get(once.answer())).isEqualTo("blue");
        assertThat(once.id()).isEqualTo("set/0");

        for (int shift = 0; shift < 4; shift++) {
            Question rotated = ChoiceRotation.rotate(question, shift);
            assertThat(rotated.choices().get(rotated.answer())).isEqualTo("blue");
            for (int position = 0; position < 4; position++) {
                assertThat(question.choices().get(ChoiceRotation.originalIndex(position, shift, 4)))
                        .isEqualTo(rotated.choices().get(position));
            }
        }
        assertThat(ChoiceRotation.rotate(question, 4)).isEqualTo(question);
        assertThat(ChoiceRotation.rotate(question, -1).choices()).containsExactly("grey", "red", "green", "blue");
    }
}
