package dev.wmdpjunit.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.prompt.PromptFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The lm-eval golden file {@code lmeval/lmeval_golden.json} (see {@code LM_EVAL_SCORING.md} section 8): what
 * lm-evaluation-harness produced, per harness version, for three benign questions and a truncation demo on the
 * tiny llama model with the {@link ByteTokenizer}. Found through the system property {@code wmdp.golden.dir}.
 *
 * @param file      where it was read from
 * @param maxLength lm-eval's {@code max_length} for the model (128)
 * @param variants  one per harness behaviour, in file order
 * @param extraTokenLevelRequest a token-level request whose continuation is the model's greedy output
 */
public record LmEvalGolden(Path file, int maxLength, List<Variant> variants, TokenRequest extraTokenLevelRequest) {

    /** The subject given to the golden questions (the file renders them with the wmdp_bio template). */
    public static final String SUBJECT = "wmdp-bio";

    private static final Map<String, PromptFormat> FORMATS = Map.of(
            "v0.4.2-v0.4.3", PromptFormat.LM_EVAL_0_4_2,
            "v0.4.4-v0.4.9.1", PromptFormat.LM_EVAL_0_4_4,
            "v0.4.9.2-and-later", PromptFormat.LM_EVAL_0_4_9_2);

    /**
     * One harness behaviour.
     *
     * @param addSpecialTokens what lm-eval passed to the tokenizer for this variant
     * @param docs             the three questions and the truncation demo
     */
    public record Variant(String name, PromptFormat format, boolean addSpecialTokens, List<Doc> docs) {
    }

    /**
     * One question as lm-eval scored it.
     *
     * @param question     the document as a {@link Question} with id {@code golden/<index>} and subject
     *                     {@link #SUBJECT}
     * @param prompt       the rendered context
     * @param requests     one per choice, in choice order
     * @param accNorm      lm-eval's acc_norm (not a WMDP metric)
     */
    public record Doc(int index, boolean truncationDemo, Question question, String prompt, List<Request> requests,
                      double[] loglikelihoods, int predictedIndex, int gold, double acc, double accNorm,
                      boolean[] isGreedyPerChoice) {
    }

    /**
     * One loglikelihood request and what the model answered.
     *
     * @param modelInputIds    the exact window fed to the model
     * @param scoredPositions  the output rows whose log-probs were summed
     * @param perTokenLogprobs float32 log-prob of each continuation token
     * @param greedyTokens     the argmax token of each scored row
     */
    public record Request(int choiceIndex, String context, String continuation, int[] contextEnc,
                          int[] continuationEnc, boolean truncated, int[] modelInputIds, int[] scoredPositions,
                          double[] perTokenLogprobs, int[] greedyTokens, double loglikelihood, boolean isGreedy) {
    }

    /** A request given as tokens, with no strings. */
    public record TokenRequest(int[] contextEnc, int[] continuationEnc, int[] modelInputIds,
                               double[] perTokenLogprobs, double loglikelihood, boolean isGreedy) {
    }

    /** Reads the golden file from {@code ${wmdp.golden.dir}/lmeval/lmeval_golden.json}. */
    public static LmEvalGolden load() {
        return read(SharedFolder.golden().resolve("lmeval").resolve("lmeval_golden.json"));
    }

    public static LmEvalGolden read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lm-eval golden file " + file, e);
        }
        Reader reader = new Reader(file);
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : reader.field(root, "variants", "").properties()) {
            variants.add(reader.variant(entry.getKey(), entry.getValue(), "variants." + entry.getKey()));
        }
        int maxLength = reader.field(reader.field(root, "model", ""), "lm_eval_max_length", "model").asInt();
        TokenRequest extra = reader.tokenRequest(reader.field(root, "extra_token_level_request", ""),
                "extra_token_level_request");
        return new LmEvalGolden(file, maxLength, variants, extra);
    }

    /** The variant rendered with this prompt format. */
    public Variant variant(PromptFormat format) {
        return variants.stream().filter(v -> v.format() == format).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant for " + format + " in " + file));
    }

    /** Reads nodes, naming the file and JSON path of anything missing or of the wrong kind. */
    private record Reader(Path file) {

        JsonNode field(JsonNode node, String name, String where) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw new IllegalArgumentException(file + ": missing field '" + name + "' at '" + where + "'");
            }
            return value;
        }

        JsonNode array(JsonNode node, String name, String where) {
            JsonNode value = field(node, name, where);
            if (!value.isArray()) {
                throw new IllegalArgumentException(file + ": field '" + name + "' at '" + where + "' is not a list");
            }
            return value;
        }

        Variant variant(String name, JsonNode node, String where) {
            PromptFormat format = FORMATS.get(name);
            if (format == null) {
                throw new IllegalArgumentException(file + ": unknown variant '" + name + "'; expected one of "
                        + FORMATS.keySet());
            }
            List<Doc> docs = list(array(node, "docs", where), where + ".docs", this::doc);
            return new Variant(name, format, field(node, "tok_encode_add_special_tokens", where).asBoolean(), docs);
        }

        Doc doc(JsonNode node, String where) {
            int index = field(node, "doc_index", where).asInt();
            JsonNode doc = field(node, "doc", where);
            List<String> choices = list(array(doc, "choices", where + ".doc"), where + ".doc.choices",
                    (choice, at) -> choice.asText());
            Question question = new Question("golden/" + index, SUBJECT,
                    field(doc, "question", where + ".doc").asText(), choices, field(doc, "answer", where + ".doc").asInt());
            return new Doc(index, field(node, "is_truncation_demo", where).asBoolean(), question,
                    field(node, "prompt", where).asText(),
                    list(array(node, "requests", where), where + ".requests", this::request),
                    doubles(array(node, "loglikelihoods", where)),
                    field(node, "predicted_index", where).asInt(), field(node, "gold", where).asInt(),
                    field(node, "acc", where).asDouble(), field(node, "acc_norm (not a WMDP metric)", where).asDouble(),
                    booleans(array(node, "is_greedy_per_choice", where)));
        }

        Request request(JsonNode node, String where) {
            return new Request(field(node, "choice_index", where).asInt(),
                    field(node, "context", where).asText(), field(node, "continuation", where).asText(),
                    ints(array(node, "context_enc", where)), ints(array(node, "continuation_enc", where)),
                    field(node, "truncated", where).asBoolean(), ints(array(node, "model_input_ids", where)),
                    ints(array(node, "scored_positions", where)), doubles(array(node, "per_token_logprobs", where)),
                    ints(array(node, "greedy_tokens", where)), field(node, "loglikelihood", where).asDouble(),
                    field(node, "is_greedy", where).asBoolean());
        }

        TokenRequest tokenRequest(JsonNode node, String where) {
            return new TokenRequest(ints(array(node, "context_enc", where)),
                    ints(array(node, "continuation_enc", where)), ints(array(node, "model_input_ids", where)),
                    doubles(array(node, "per_token_logprobs", where)), field(node, "loglikelihood", where).asDouble(),
                    field(node, "is_greedy", where).asBoolean());
        }

        <T> List<T> list(JsonNode array, String where, BiFunction<JsonNode, String, T> element) {
            List<T> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                out.add(element.apply(array.get(i), where + "[" + i + "]"));
            }
            return out;
        }

        private static int[] ints(JsonNode array) {
            int[] out = new int[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).asInt();
            }
            return out;
        }

        private static double[] doubles(JsonNode array) {
            double[] out = new double[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).asDouble();
            }
            return out;
        }

        private static boolean[] booleans(JsonNode array) {
            boolean[] out = new boolean[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).asBoolean();
            }
            return out;
        }
    }
}
