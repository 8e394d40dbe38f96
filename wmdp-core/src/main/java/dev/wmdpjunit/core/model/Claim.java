package dev.wmdpjunit.core.model;

import java.util.Objects;

/**
 * A provider's answer to "is this reference yours?" ({@link LanguageModelProvider#claim}): not mine (with why not,
 * for the message when no provider claims it), mine, or mine but broken (the real cause, naming the file and key,
 * which is what the user must read instead of "no provider supports it").
 *
 * @param verdict what the provider says
 * @param reason  why not, or what is broken; empty for {@link Verdict#MINE}
 */
public record Claim(Verdict verdict, String reason) {

    public enum Verdict { NOT_MINE, MINE, BROKEN }

    private static final Claim MINE = new Claim(Verdict.MINE, "");

    public Claim {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if ((verdict == Verdict.MINE) != reason.isEmpty()) {
            throw new IllegalArgumentException(verdict + " claims " + (reason.isEmpty() ? "need" : "take no")
                    + " reason");
        }
    }

    public static Claim mine() {
        return MINE;
    }

    /** @param why what this provider would need to see, e.g. "no config.json in the folder" */
    public static Claim notMine(String why) {
        return new Claim(Verdict.NOT_MINE, why);
    }

    /** @param cause what is wrong, naming the file and key, e.g. "config.json: model_type 'bert' is not supported" */
    public static Claim broken(String cause) {
        return new Claim(Verdict.BROKEN, cause);
    }
}
