package dev.wmdpjunit.core.prompt;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PythonTextTest {

    /** Every character with Python 3.11 {@code chr(c).isspace()}, from {@code [c for c in range(0x110000) if chr(c).isspace()]}. */
    private static final String PYTHON_WHITESPACE = "\t\n\u000B\f\r\u001C\u001D\u001E\u001F \u0085\u00A0\u1680"
            + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    @Test
    void isSpaceIsTrueExactlyForPythonsWhitespace() {
        int[] spaces = IntStream.range(0, 0x10000).filter(c -> PythonText.isSpace((char) c)).toArray();

        assertThat(spaces).containsExactly(PYTHON_WHITESPACE.chars().toArray());
    }

    @Test
    void stripRemovesWhitespaceThatJavaStripKeeps() {
        String question = "\u00A0\u2007 What colour is the invented glimberry?\u202F\u0085\n";

        assertThat(question.strip()).isNotEqualTo("What colour is the invented glimberry?");
        assertThat(PythonText.strip(question)).isEqualTo("What colour is the invented glimberry?");
    }

    @Test
    void stripKeepsInnerWhitespaceAndNonSpaceFormatCharacters() {
        assertThat(PythonText.strip("\u200B a \n b \u200B")).isEqualTo("\u200B a \n b \u200B");
        assertThat(PythonText.strip(" \t ")).isEmpty();
    }

    @Test
    void rstripRemovesOnlyTrailingWhitespace() {
        assertThat(PythonText.rstrip("  Answer:\u00A0 \n")).isEqualTo("  Answer:");
    }
}
