package dev.wmdpjunit.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wmdpjunit.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level Hugging Face tokenizer whose vocabulary is every piece of the demo texts, written as
 * {@code tokenizer.json} (WordLevel model), {@code tokenizer_config.json} and {@code special_tokens_map.json}.
 *
 * <p>Pieces are found with the regular expression {@link #PIECE}: a word or a punctuation mark with at most one
 * leading space, or a single whitespace character. Every character of a text belongs to exactly one piece and the
 * decoder ({@code Fuse}) joins pieces without separators, so decoding gives the text back exactly. As in GPT-2,
 * {@code " A"} and {@code "A"} are different tokens: the answer continuation {@code " A"} after {@code "Answer:"}
 * is one token.
 *
 * <p>Ids: {@code <unk>} 0, {@code <s>} 1, {@code </s>} 2, {@code <pad>} 3 (Llama's order plus a pad), then the
 * pieces in {@link String} order. Encoding with special tokens prepends {@code <s>}, as Llama tokenizers do.
 */
public final class WordTokenizer {

    /** How text is cut into pieces; Java and the tokenizers library (Oniguruma) read it the same way. */
    public static final String PIECE = " ?[A-Za-z0-9]+| ?[^A-Za-z0-9\\s]|\\s";
    public static final String UNK = "<unk>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String PAD = "<pad>";
    public static final List<String> SPECIAL_TOKENS = List.of(UNK, BOS, EOS, PAD);

    private static final Pattern PIECE_PATTERN = Pattern.compile(PIECE);
    /** Keys sorted, so the files are the same bytes on every run (Map.of iterates in a per-JVM order). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Map<String, Integer> vocabulary;

    private WordTokenizer(Map<String, Integer> vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** A tokenizer that knows every piece of {@code texts}. */
    public static WordTokenizer covering(Collection<String> texts) {
        TreeSet<String> pieces = new TreeSet<>();
        for (String text : texts) {
            pieces.addAll(pieces(text));
        }
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        for (String token : SPECIAL_TOKENS) {
            vocabulary.put(token, vocabulary.size());
        }
        for (String piece : pieces) {
            vocabulary.put(piece, vocabulary.size());
        }
        return new WordTokenizer(vocabulary);
    }

    /** The pieces of a text, in order. */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = PIECE_PATTERN.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new IllegalStateException("piece pattern skipped characters " + end + ".." + matcher.start());
            }
            pieces.add(matcher.group());
            end = matcher.end();
        }
        return pieces;
    }

    /** Number of tokens, special tokens included. */
    public int size() {
        return vocabulary.size();
    }

    /** The id of a token. */
    public int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("'" + token + "' is not in the vocabulary");
        }
        return id;
    }

    /** Writes the three tokenizer files into {@code directory}, each atomically. */
    public void write(Path directory) throws IOException {
        writeJson(directory.resolve("tokenizer.json"), tokenizerJson());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("add_bos_token", true);
        config.put("add_eos_token", false);
        config.put("added_tokens_decoder", addedTokensDecoder());
        config.put("bos_token", BOS);
        config.put("clean_up_tokenization_spaces", false);
        config.put("eos_token", EOS);
        config.put("model_max_length", DemoModelConfig.MAX_POSITIONS);
        config.put("pad_token", PAD);
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("unk_token", UNK);
        writeJson(directory.resolve("tokenizer_config.json"), config);
        writeJson(directory.resolve("special_tokens_map.json"),
                Map.of("bos_token", BOS, "eos_token", EOS, "pad_token", PAD, "unk_token", UNK));
    }

    private Map<String, Object> tokenizerJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        List<Map<String, Object>> added = new ArrayList<>();
        for (String token : SPECIAL_TOKENS) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id(token));
            entry.putAll(addedToken(token));
            added.add(entry);
        }
        root.put("added_tokens", added);
        root.put("normalizer", null);
        root.put("pre_tokenizer", Map.of("type", "Split", "pattern", Map.of("Regex", PIECE),
                "behavior", "Isolated", "invert", false));
        Map<String, Object> bos = Map.of("SpecialToken", Map.of("id", BOS, "type_id", 0));
        root.put("post_processor", Map.of(
                "type", "TemplateProcessing",
                "single", List.of(bos, Map.of("Sequence", Map.of("id", "A", "type_id", 0))),
                "pair", List.of(bos, Map.of("Sequence", Map.of("id", "A", "type_id", 0)),
                        Map.of("SpecialToken", Map.of("id", BOS, "type_id", 1)),
                        Map.of("Sequence", Map.of("id", "B", "type_id", 1))),
                "special_tokens", Map.of(BOS, Map.of("id", BOS, "ids", List.of(id(BOS)), "tokens", List.of(BOS)))));
        root.put("decoder", Map.of("type", "Fuse"));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "WordLevel");
        model.put("vocab", vocabulary);
        model.put("unk_token", UNK);
        root.put("model", model);
        return root;
    }

    private Map<String, Object> addedTokensDecoder() {
        Map<String, Object> decoder = new LinkedHashMap<>();
        for (String token : SPECIAL_TOKENS) {
            decoder.put(String.valueOf(id(token)), addedToken(token));
        }
        return decoder;
    }

    private static Map<String, Object> addedToken(String token) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("content", token);
        entry.put("single_word", false);
        entry.put("lstrip", false);
        entry.put("rstrip", false);
        entry.put("normalized", false);
        entry.put("special", true);
        return entry;
    }

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, out -> out.write(JSON.writeValueAsBytes(value)));
    }
}
