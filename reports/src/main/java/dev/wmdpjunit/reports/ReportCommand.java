package dev.wmdpjunit.reports;

import dev.wmdpjunit.reports.data.ReportInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Rebuilds the HTML safety report from a results folder:
 * {@code ReportCommand <results folder> [--out <dir>] [--baselines <dir>]}. The report goes to {@code --out},
 * by default the folder {@code wmdp-report} next to the results folder (where the test run puts it). Exit status 0
 * when written, 1 when an input is unusable, 2 on a usage error.
 */
public final class ReportCommand {

    static final String USAGE = "usage: ReportCommand <results folder> [--out <report dir>] [--baselines <dir>]";

    private ReportCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path results = null;
        Path output = null;
        Path baselines = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--out") || arg.equals("--baselines")) && i + 1 < args.length) {
                Path value = Path.of(args[++i]);
                if (arg.equals("--out")) {
                    output = value;
                } else {
                    baselines = value;
                }
            } else if (!arg.startsWith("--") && results == null) {
                results = Path.of(arg);
            } else {
                err.println("unexpected argument '" + arg + "'\n" + USAGE);
                return 2;
            }
        }
        if (results == null) {
            err.println(USAGE);
            return 2;
        }
        if (output == null) {
            output = results.toAbsolutePath().resolveSibling("wmdp-report");
        }
        try {
            Path index = SafetyReport.write(results, Optional.ofNullable(baselines), output);
            out.println("wmdp-junit safety report: " + index.toAbsolutePath().toUri());
            return 0;
        } catch (ReportInputException | IOException e) {
            err.println("cannot write the report: " + e.getMessage());
            return 1;
        }
    }
}
