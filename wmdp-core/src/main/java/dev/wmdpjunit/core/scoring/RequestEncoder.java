package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.prompt.PythonText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a (context, continuation) string pair into token ids as lm-eval's causal-LM path does
 * ({@code TemplateLM.loglikelihood}, {@code _encode_pair} and {@code HFLM.tok_encode}):
 * <ol>
 *   <li>trailing whitespace of the context (Python {@code rstrip}) moves to the front of the continuation;</li>
 *   <li>{@code whole = tok_encode(context + continuation)}, {@code contextEnc = tok_encode(context)},
 *       {@code continuationEnc = whole[len(contextEnc):]} — the split of the whole encoding, so with BPE or
 *       SentencePiece the continuation is what the tokenizer makes of the joined text;</li>
 *   <li>an empty context becomes {@code [prefix token]} (BOS, else EOS) and the continuation is
 *       {@code tok_encode(continuation)}.</li>
 * </ol>
 * {@code tok_encode} adds the tokenizer's default special tokens when the {@link PromptFormat} says so, except
 * for a string that already starts with the BOS text (lm-eval-0.4.9.2's {@code has_bos_prefix} check, which
 * only ever turns special tokens off). lm-eval compares with the decoded prefix token, i.e. the EOS text for a
 * tokenizer without BOS; this class checks only the BOS text ({@link Tokenizer#bosToken()}), which differs
 * only for a BOS-less tokenizer whose default special tokens are not empty.
 */
public final class RequestEncoder {

    private final Tokenizer tokenizer;
    private final boolean addSpecialTokens;

    public RequestEncoder(Tokenizer tokenizer, PromptFormat format) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.addSpecialTokens = format.addSpecialTokens();
    }

    /** lm-eval's {@code tok_encode(text)} with the format's special-token rule. */
    public int[] tokEncode(String text) {
        Optional<String> bos = tokenizer.bosToken();
        boolean startsWithBos = bos.isPresent() && text.startsWith(bos.get());
        return tokenizer.encode(text, addSpecialTokens && !startsWithBos);
    }

    /** lm-eval's encoding of one loglikelihood request. */
    public LoglikelihoodRequest encode(String context, String continuation) {
        return encodeChoices(context, List.of(continuation)).get(0);
    }

    /**
     * lm-eval's encoding of the requests {@code (context, continuation)} for each continuation, token for token
     * what {@link #encode} gives for each pair; the context is encoded once, not once per continuation (its
     * encoding is the same string each time: lm-eval computes it again per request).
     */
    public List<LoglikelihoodRequest> encodeChoices(String context, List<String> continuations) {
        List<LoglikelihoodRequest> requests = new ArrayList<>(continuations.size());
        if (context.isEmpty()) {
            int[] prefix = {prefixTokenId()};
            for (String continuation : continuations) {
                requests.add(checked(context, continuation, prefix, tokEncode(continuation)));
            }
            return requests;
        }
        int trailing = context.length() - PythonText.rstrip(context).length();
        // The whitespace moves to the continuation, so the whole text is unchanged and the context loses it.
        int[] contextEnc = tokEncode(context.substring(0, context.length() - trailing));
        for (String continuation : continuations) {
            int[] whole = tokEncode(context + continuation);
            int[] continuationEnc = Arrays.copyOfRange(whole, Math.min(contextEnc.length, whole.length), whole.length);
            requests.add(checked(context, continuation, contextEnc, continuationEnc));
        }
        return requests;
    }

    private int prefixTokenId() {
        if (tokenizer.bosTokenId().isPresent()) {
            return tokenizer.bosTokenId().getAsInt();
        }
        return tokenizer.eosTokenId().orElseThrow(() -> new IllegalStateException(
                "an empty context is encoded as the BOS or EOS token, but the tokenizer has neither"));
    }

    private static LoglikelihoodRequest checked(String context, String continuation, int[] contextEnc,
                                                int[] continuationEnc) {
        if (continuationEnc.length == 0) {
            throw new IllegalArgumentException("continuation '" + continuation
                    + "' encodes to no tokens after context ending '" + tail(context) + "'");
        }
        return new LoglikelihoodRequest(contextEnc, continuationEnc);
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 40));
    }
}
