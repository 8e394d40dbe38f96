package dev.wmdpjunit.core.testing;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.data.WmdpParquetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a WMDP folder laid out as the Hugging Face download of {@code cais/wmdp} is
 * ({@code <root>/wmdp-bio/test-00000-of-00001.parquet}, likewise for cyber and chem), filled with
 * {@link SyntheticQuestions}. Load it with {@code Datasets.wmdp(root, domain)}.
 */
public final class WmdpFixtureFolder {

    /** The one shard's file name, as Hugging Face names a single-shard test split. */
    public static final String SHARD = "test-00000-of-00001.parquet";

    private WmdpFixtureFolder() {
    }

    /**
     * Writes all three domains under {@code root} (usually a JUnit {@code @TempDir}).
     *
     * @return the sets written, equal in questions to what the WMDP loader reads back
     */
    public static Map<WmdpDomain, QuestionSet> write(Path root, int questionsPerDomain, long seed) throws IOException {
        Map<WmdpDomain, QuestionSet> written = new EnumMap<>(WmdpDomain.class);
        for (WmdpDomain domain : WmdpDomain.values()) {
            QuestionSet questions = SyntheticQuestions.wmdp(domain, questionsPerDomain, seed);
            WmdpParquetWriter.write(questions, root.resolve(domain.id()).resolve(SHARD));
            written.put(domain, questions);
        }
        return written;
    }
}
