package dev.wmdpjunit.rmu;

/** How a corpus file holds its documents. */
public enum CorpusFormat {
    /** One JSON object per line with a string field {@code text} (the bio forget corpus of the official code). */
    JSONL,
    /** One document per line, without its line terminator. */
    TEXT_LINES,
    /**
     * One document per line, kept exactly as Python's {@code for line in open(f)} yields it, newline included: how
     * the official code reads every local corpus except the bio forget corpus (for a JSONL file that means the raw
     * JSON line is the document).
     */
    RAW_LINES,
    /**
     * Wikitext raw text ({@code wiki.test.raw}): one row per line with its newline, a whitespace-only line as an
     * empty string, as the Hugging Face {@code wikitext-2-raw-v1} rows the official retain corpus comes from.
     */
    WIKITEXT_RAW,
    /** A Parquet file with a string column {@code text}, rows in file order (the {@code cais/wmdp-corpora} layout). */
    PARQUET
}
