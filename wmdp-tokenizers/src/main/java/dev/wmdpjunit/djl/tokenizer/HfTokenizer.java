package dev.wmdpjunit.djl.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.djl.tokenizer.TokenizerSettings.SpecialToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face fast tokenizer ({@code tokenizer.json}) run by the Rust {@code tokenizers} library through DJL,
 * loaded from a local model directory, never from the network.
 *
 * <p>Truncation and padding are off, so a text always encodes to all its tokens. {@code addSpecialTokens} is
 * passed to the tokenizer on every call (the post-processor of {@code tokenizer.json} decides which tokens that
 * adds; for Llama a BOS). BOS and EOS are resolved as transformers resolves {@code tokenizer.bos_token_id}, which
 * lm-eval uses: {@code special_tokens_map.json} when it overrides a legacy {@code tokenizer_config.json} (one
 * without {@code added_tokens_decoder}) or fills a key it lacks, else {@code tokenizer_config.json} (an explicit
 * null means none), else the ids in {@code generation_config.json}, then {@code config.json}. Decoding cleans up
 * spaces before punctuation only when {@code tokenizer_config.json} sets {@code clean_up_tokenization_spaces}.
 * The instance holds native memory: close it.
 */
public final class HfTokenizer implements Tokenizer, AutoCloseable {

    public static final String TOKENIZER_FILE = "tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final int vocabularySize;
    private final TokenizerSettings settings;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, int vocabularySize, TokenizerSettings settings) {
        this.tokenizer = tokenizer;
        this.vocabularySize = vocabularySize;
        this.settings = settings;
    }

    /** Loads {@code tokenizer.json} and the tokenizer and model configuration files of a model directory. */
    public static HfTokenizer load(Path directory) {
        Path file = directory.resolve(TOKENIZER_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(directory + " has no " + TOKENIZER_FILE
                    + " (only Hugging Face fast tokenizers are supported)");
        }
        TokenizerVocabulary vocabulary = TokenizerVocabulary.read(file);
        TokenizerSettings settings = TokenizerSettings.read(directory, vocabulary);
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(file,
                    Map.of("truncation", "false", "padding", "false"));
            return new HfTokenizer(tokenizer, vocabulary.size(), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot load the tokenizer: " + e.getMessage(), e);
        }
    }

    /**
     * The ids only: DJL's {@code encode} also copies each token's text, offsets and masks out of the native encoding
     * (three quarters of its cost for a 300-character prompt); the native call is the same. DJL's Java-side text
     * preparation ({@code addPrefixSpace}, {@code doLowerCase}, {@code stripAccents}) is off for a tokenizer loaded
     * as {@link #load} loads it, so skipping it changes nothing ({@code HfTokenizerTest} checks against DJL's
     * {@code encode}).
     */
    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        Objects.requireNonNull(text, "text");
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, addSpecialTokens);
        long[] ids;
        try {
            ids = TokenizersLibrary.LIB.getTokenIds(encoding);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    /** Decodes with special tokens skipped, as {@code tokenizer.decode(ids, skip_special_tokens=True)}. */
    @Override
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /** Decodes ids; every id must be below {@link #vocabularySize()}. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longIds = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabularySize) {
                throw new IllegalArgumentException("token id " + ids[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocabularySize + ")");
            }
            longIds[i] = ids[i];
        }
        String text = tokenizer.decode(longIds, skipSpecialTokens);
        return settings.cleanUpTokenizationSpaces() ? cleanUpTokenizationSpaces(text) : text;
    }

    @Override
    public OptionalInt bosTokenId() {
        return settings.bos().map(t -> OptionalInt.of(t.id())).orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt eosTokenId() {
        return settings.eos().map(t -> OptionalInt.of(t.id())).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<String> bosToken() {
        return settings.bos().map(SpecialToken::text);
    }

    /** Text of the EOS token, if any. */
    public Optional<String> eosToken() {
        return settings.eos().map(SpecialToken::text);
    }

    /** One more than the largest token id of {@code tokenizer.json}. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** Frees the native tokenizer; later calls fail. Closing twice is harmless. */
    @Override
    public void close() {
        tokenizer.close();
    }

    /** transformers' {@code clean_up_tokenization}: removes spaces before punctuation and English contractions. */
    static String cleanUpTokenizationSpaces(String text) {
        return text.replace(" .", ".")
                .replace(" ?", "?")
                .replace(" !", "!")
                .replace(" ,", ",")
                .replace(" ' ", "'")
                .replace(" n't", "n't")
                .replace(" 'm", "'m")
                .replace(" 's", "'s")
                .replace(" 've", "'ve")
                .replace(" 're", "'re");
    }
}
