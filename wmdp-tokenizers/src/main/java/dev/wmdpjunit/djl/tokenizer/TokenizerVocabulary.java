package dev.wmdpjunit.djl.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The token strings and ids of a {@code tokenizer.json}: its model vocabulary ({@code model.vocab}, an object
 * for BPE, WordPiece and WordLevel, a list of [piece, score] for Unigram) plus its {@code added_tokens}. The DJL
 * binding does not expose token-to-id lookups, which special-token resolution needs.
 */
final class TokenizerVocabulary {

    private final Map<String, Integer> idByToken;
    private final Map<Integer, String> tokenById;
    private final int size;

    private TokenizerVocabulary(Map<String, Integer> idByToken, Map<Integer, String> tokenById) {
        this.idByToken = idByToken;
        this.tokenById = tokenById;
        this.size = tokenById.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    static TokenizerVocabulary read(Path tokenizerJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(tokenizerJson + ": cannot read the tokenizer: " + e.getMessage(), e);
        }
        Map<String, Integer> idByToken = new HashMap<>();
        Map<Integer, String> tokenById = new HashMap<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
                add(idByToken, tokenById, entry.getKey(), id(tokenizerJson, "model.vocab." + entry.getKey(), entry.getValue()));
            }
        } else if (vocab.isArray()) {
            for (int id = 0; id < vocab.size(); id++) {
                add(idByToken, tokenById, vocab.get(id).path(0).asText(), id);
            }
        } else {
            throw new IllegalArgumentException(tokenizerJson + ": model.vocab is missing or neither an object nor a list");
        }
        for (JsonNode added : root.path("added_tokens")) {
            String content = added.path("content").asText();
            add(idByToken, tokenById, content, id(tokenizerJson, "added_tokens '" + content + "'", added.path("id")));
        }
        return new TokenizerVocabulary(idByToken, tokenById);
    }

    OptionalInt idOf(String token) {
        Integer id = idByToken.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    Optional<String> tokenOf(int id) {
        return Optional.ofNullable(tokenById.get(id));
    }

    /** One more than the largest id. */
    int size() {
        return size;
    }

    private static void add(Map<String, Integer> idByToken, Map<Integer, String> tokenById, String token, int id) {
        idByToken.put(token, id);
        tokenById.put(id, token);
    }

    private static int id(Path file, String where, JsonNode node) {
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
            throw new IllegalArgumentException(file + ": " + where + " has id " + node + ", not a non-negative integer");
        }
        return node.intValue();
    }
}
