package dev.wmdpjunit.core.prompt;

/**
 * Python's {@code str.strip()} and {@code str.rstrip()} (no arguments), which lm-eval applies to questions
 * ({@code question.strip()} in the jinja template) and to contexts ({@code _encode_pair}).
 *
 * <p>Python strips every character for which {@code str.isspace()} is true. That set is Java's
 * {@link Character#isWhitespace(int)} plus four characters Java leaves out: U+0085 (next line), U+00A0
 * (no-break space), U+2007 (figure space) and U+202F (narrow no-break space). So Java's {@code String.strip()}
 * would keep a no-break space that lm-eval removes; this class removes it. All of these characters are in the
 * Basic Multilingual Plane, so working on UTF-16 chars gives the same result as Python's code points.
 */
public final class PythonText {

    private PythonText() {
    }

    /** Whether Python's {@code str.isspace()} is true for this character (Python 3.11, Unicode 14). */
    public static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', ' ', '\u0085', '\u00A0',
                    '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007',
                    '\u2008', '\u2009', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> true;
            default -> false;
        };
    }

    /** Python's {@code text.strip()}. */
    public static String strip(String text) {
        int start = 0;
        while (start < text.length() && isSpace(text.charAt(start))) {
            start++;
        }
        return rstrip(text.substring(start));
    }

    /** Python's {@code text.rstrip()}. */
    public static String rstrip(String text) {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
