package dev.wmdpjunit.core.prompt;

import dev.wmdpjunit.core.Identified;


/**
 * The lm-evaluation-harness behaviours that change prompts and therefore scores. Recorded with every result.
 * See {@code LM_EVAL_SCORING.md} section 3.
 */
public enum PromptFormat implements Identified {
    /** The WMDP paper's harness: description ends with one newline (jinja drops one), no BOS. */
    LM_EVAL_0_4_2("lm-eval-0.4.2", false, false),
    /** keep_trailing_newline: description ends with two newlines; still no BOS. */
    LM_EVAL_0_4_4("lm-eval-0.4.4", true, false),
    /** Current lm-eval: two newlines and the tokenizer's default special tokens (BOS for Llama). */
    LM_EVAL_0_4_9_2("lm-eval-0.4.9.2", true, true);

    public static final PromptFormat DEFAULT = LM_EVAL_0_4_9_2;

    private final String id;
    private final boolean keepTrailingNewline;
    private final boolean addSpecialTokens;

    PromptFormat(String id, boolean keepTrailingNewline, boolean addSpecialTokens) {
        this.id = id;
        this.keepTrailingNewline = keepTrailingNewline;
        this.addSpecialTokens = addSpecialTokens;
    }

    /** The name used in configuration and results, e.g. {@code lm-eval-0.4.2}. */
    @Override
    public String id() {
        return id;
    }

    /**
     * Whether lm-eval's jinja environment keeps a template's trailing newline ({@code keep_trailing_newline},
     * v0.4.4 and later). Without it, rendering the task description drops one of its final newlines.
     */
    public boolean keepTrailingNewline() {
        return keepTrailingNewline;
    }

    /** How many newlines end the WMDP and MMLU task descriptions (whose YAML text ends with two). */
    public int descriptionNewlines() {
        return keepTrailingNewline ? 2 : 1;
    }

    /** Whether prompts are encoded with the tokenizer's default special tokens (BOS). */
    public boolean addSpecialTokens() {
        return addSpecialTokens;
    }

    public static PromptFormat fromId(String id) {
        return Identified.byId(PromptFormat.class, id, "prompt format");
    }
}
