package dev.wmdpjunit.core.prompt;

import dev.wmdpjunit.core.Identified;


/**
 * How a multiple-choice question asks for its answer. lm-eval runs MMLU both ways ({@code mmlu} and
 * {@code mmlu_continuation}); WMDP is published in the letter form only.
 */
public enum AnswerStyle implements Identified {
    /**
     * lm-eval's {@code wmdp} and {@code mmlu} tasks: the choices are listed as {@code A. ..} to {@code D. ..} after
     * the question, and the model scores the letters {@code " A"}..{@code " D"} after {@code Answer:}. Needs a model
     * that can find a value among listed choices, which small models (below about a billion parameters) rarely can:
     * they score at chance whatever they know.
     */
    LETTERS("letters"),
    /**
     * lm-eval's {@code mmlu_continuation}: {@code Question: <question>\nAnswer:}, and the model scores each choice
     * text as the continuation. Measures what the model knows without asking it to read a list, so it is the
     * usual choice for small models.
     */
    CONTINUATION("continuation");

    public static final AnswerStyle DEFAULT = LETTERS;

    private final String id;

    AnswerStyle(String id) {
        this.id = id;
    }

    /** The name used in configuration and results. */
    @Override
    public String id() {
        return id;
    }

    public static AnswerStyle fromId(String id) {
        return Identified.byId(AnswerStyle.class, id, "answer style");
    }
}
