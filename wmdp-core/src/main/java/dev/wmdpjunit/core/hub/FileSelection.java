package dev.wmdpjunit.core.hub;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which files of a repository a run needs: only those are downloaded, and a cached snapshot lacking them is
 * reported as incomplete.
 *
 * @param description what is needed, for messages, e.g. "wmdp-bio/test-*.parquet"
 * @param selector    from the repository's file names ({@code /}-separated, relative to its root), the needed
 *                    ones; empty when what is needed is not there
 */
public record FileSelection(String description, Function<Collection<String>, List<String>> selector) {

    private static final Pattern WEIGHTS = Pattern.compile("[^/]+\\.safetensors");
    private static final Pattern MODEL_FILES = Pattern.compile("config\\.json|generation_config\\.json"
            + "|tokenizer\\.json|tokenizer_config\\.json|special_tokens_map\\.json|tokenizer\\.model"
            + "|model\\.safetensors\\.index\\.json|[^/]+\\.safetensors");

    /** The needed files among {@code files}; empty when what is needed is not there. */
    public List<String> select(Collection<String> files) {
        return selector.apply(files);
    }

    /**
     * A Hugging Face checkpoint: config.json, the tokenizer files and the safetensors weights with their index, at
     * the repository's top level. Pickled weights ({@code *.bin}, {@code *.pt}) are never selected.
     */
    public static FileSelection checkpoint() {
        return new FileSelection("a checkpoint: config.json, tokenizer files and *.safetensors weights (pickled"
                + " pytorch_model*.bin is never loaded; convert it to safetensors)", files -> {
                    List<String> needed = matching(files, name -> MODEL_FILES.matcher(name).matches());
                    boolean complete = needed.contains("config.json")
                            && needed.stream().anyMatch(name -> WEIGHTS.matcher(name).matches());
                    return complete ? needed : List.of();
                });
    }

    /** The files matching a glob ({@code *} within one path segment), at least one. */
    public static FileSelection glob(String glob) {
        Pattern pattern = globPattern(glob);
        return new FileSelection(glob, files -> matching(files, name -> pattern.matcher(name).matches()));
    }

    /** The first of the alternatives that is there, e.g. an MMLU subject's folder or else {@code all/}. */
    public static FileSelection firstOf(FileSelection... alternatives) {
        String description = String.join(" or else ", List.of(alternatives).stream()
                .map(FileSelection::description).toList());
        return new FileSelection(description, files -> List.of(alternatives).stream().map(a -> a.select(files))
                .filter(found -> !found.isEmpty()).findFirst().orElse(List.of()));
    }

    /** All of the parts, each of which must be there, e.g. an MMLU subject's test and dev splits. */
    public static FileSelection allOf(FileSelection... parts) {
        String description = String.join(" and ", List.of(parts).stream().map(FileSelection::description).toList());
        return new FileSelection(description, files -> {
            List<List<String>> found = List.of(parts).stream().map(part -> part.select(files)).toList();
            return found.stream().anyMatch(List::isEmpty) ? List.of()
                    : found.stream().flatMap(List::stream).distinct().toList();
        });
    }

    private static List<String> matching(Collection<String> files, Predicate<String> test) {
        return files.stream().filter(test).sorted().toList();
    }

    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }
}
