package dev.wmdpjunit.core.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link ShardFile}s as JSON, in the layout of results files ({@link ResultsJson}, whose field
 * readers it shares: questions, artifacts and samples are written the same way). The schema is in
 * {@code wmdp-core/RESULTS.md}. Reading is as strict as for results files; a problem is a
 * {@link ResultsFormatException} naming the file and the field.
 */
public final class ShardJson {

    private static final Set<String> ROOT_FIELDS = Set.of("frameworkVersion", "createdAt", "suite", "domain", "shard",
            "selected", "sample", "promptFormat", "dataset", "rows", "model", "questions", "baseline");
    private static final Set<String> SHARD_FIELDS = Set.of("index", "count", "block");
    private static final Set<String> BASELINE_FIELDS = Set.of("model", "questions");
    private static final Pattern FILE_NAME = Pattern.compile("(.+)\\.shard-([0-9]+)-of-([0-9]+)\\.json");

    private ShardJson() {
    }

    /** The file name of a benchmark's shard, e.g. {@code wmdp-bio.shard-3-of-8.json}. */
    public static String fileName(String domain, Shard shard) {
        String results = ResultsJson.fileName(domain);
        return results.substring(0, results.length() - ".json".length()) + ".shard-" + shard.index() + "-of-"
                + shard.count() + ".json";
    }

    /** Whether {@code fileName} is the name of a shard file, of any benchmark. */
    public static boolean isShardFile(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    /** Whether {@code fileName} is the name of a shard file of the benchmark, for any K and N. */
    public static boolean isShardFileOf(String domain, String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        String results = ResultsJson.fileName(domain);
        return matcher.matches() && (matcher.group(1) + ".json").equals(results);
    }

    /**
     * Writes the file atomically to {@code directory/fileName(domain, shard)}, replacing an older one.
     *
     * @return the written file
     */
    public static Path write(Path directory, ShardFile file) throws IOException {
        Path target = directory.resolve(fileName(file.domain(), file.shard()));
        ObjectNode root = ResultsJson.createObjectNode();
        root.put("frameworkVersion", file.frameworkVersion());
        root.put("createdAt", file.createdAt().toString());
        root.put("suite", file.suite());
        root.put("domain", file.domain());
        ObjectNode shard = root.putObject("shard");
        shard.put("index", file.shard().index());
        shard.put("count", file.shard().count());
        shard.put("block", file.block());
        root.put("selected", file.selected());
        file.sample().ifPresent(sample -> ResultsJson.putSample(root.putObject("sample"), sample));
        root.put("promptFormat", file.promptFormat());
        ResultsJson.putArtifact(root.putObject("dataset"), file.dataset());
        ArrayNode rows = root.putArray("rows");
        file.rows().forEach(rows::add);
        ResultsJson.putModel(root.putObject("model"), file.candidate().model());
        ResultsJson.putQuestions(root.putArray("questions"), file.candidate().questions());
        file.baseline().ifPresent(baseline -> {
            ObjectNode node = root.putObject("baseline");
            ResultsJson.putModel(node.putObject("model"), baseline.model());
            ResultsJson.putQuestions(node.putArray("questions"), baseline.questions());
        });
        ResultsJson.writeTree(target, root);
        return target;
    }

    /** Reads and validates a shard file. */
    public static ShardFile read(Path file) throws IOException {
        JsonNode root = ResultsJson.readTree(file);
        ResultsJson.TreeReader reader = new ResultsJson.TreeReader(file);
        reader.requireObject(root, "", ROOT_FIELDS);
        String frameworkVersion = reader.text(root, "", "frameworkVersion");
        Instant createdAt = reader.instant(root, "createdAt");
        String suite = reader.text(root, "", "suite");
        String domain = reader.text(root, "", "domain");
        JsonNode shardNode = reader.required(root, "", "shard");
        reader.requireObject(shardNode, "shard", SHARD_FIELDS);
        Shard shard;
        try {
            shard = new Shard(reader.integer(shardNode, "shard.", "index"), reader.integer(shardNode, "shard.",
                    "count"));
        } catch (IllegalArgumentException e) {
            throw reader.error("shard", e.getMessage());
        }
        int block = reader.integer(shardNode, "shard.", "block");
        int selected = reader.integer(root, "", "selected");
        Optional<Sample> sample = reader.sample(root);
        String promptFormat = reader.text(root, "", "promptFormat");
        Artifact dataset = reader.artifact(root, "dataset");
        List<Integer> rows = reader.rows(root, "", "rows");
        ShardFile.Scores candidate = new ShardFile.Scores(reader.model(root, ""), reader.questions(root, ""));
        Optional<ShardFile.Scores> baseline = Optional.empty();
        JsonNode baselineNode = root.get("baseline");
        if (baselineNode != null) {
            reader.requireObject(baselineNode, "baseline", BASELINE_FIELDS);
            baseline = Optional.of(new ShardFile.Scores(reader.model(baselineNode, "baseline."),
                    reader.questions(baselineNode, "baseline.")));
        }
        try {
            return new ShardFile(frameworkVersion, createdAt, suite, domain, shard, block, selected, sample,
                    promptFormat, dataset, rows, candidate, baseline);
        } catch (IllegalArgumentException e) {
            throw reader.error("", e.getMessage());
        }
    }
}
