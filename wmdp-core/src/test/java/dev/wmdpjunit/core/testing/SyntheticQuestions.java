package dev.wmdpjunit.core.testing;

import dev.wmdpjunit.core.data.BenchmarkNames;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Harmless synthetic questions in the exact WMDP schema, for tests of every module. Every fact is invented
 * (the flora, gadgets and minerals of the fictional planet Quorra), so nothing here is real knowledge, let alone
 * hazardous. Generation is seeded: the same domain, count and seed always give the same questions.
 */
public final class SyntheticQuestions {

    /** Invented things to ask about, per domain, so the three domains' sets differ. */
    private static final Map<WmdpDomain, List<String>> THINGS = Map.of(
            WmdpDomain.BIO, List.of("glimmerfern", "puffhorn beetle", "skyreed", "crème moss", "lantern newt"),
            WmdpDomain.CYBER, List.of("clockwork abacus", "mirror ledger", "lantern relay", "brass oracle",
                    "pebble loom"),
            WmdpDomain.CHEM, List.of("sunstone", "bluesalt", "echo quartz", "velvet amber", "fog glass"));

    /** Invented attributes, each with more than four possible (equally invented) values. */
    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("what colour is the %s", List.of("teal", "amber", "violet", "silver", "ochre", "coral")),
            new Attribute("in which season is the %s first seen",
                    List.of("the Long Dusk", "the Glass Thaw", "the Hum", "the Second Spring", "the Drift")),
            new Attribute("how many moons light the valley of the %s",
                    List.of("one", "two", "three", "five", "seven", "nine")),
            new Attribute("which town named its festival after the %s",
                    List.of("Brindle Cove", "Ostwick", "Pell Harbour", "Yarrowgate", "Quill Fen")));

    private record Attribute(String question, List<String> values) {
    }

    private SyntheticQuestions() {
    }

    /**
     * {@code count} questions for {@code domain}, shaped as the WMDP loader returns them: set name = domain,
     * ids {@code <domain>/<row>}, subject = domain, four distinct options, answer index drawn from the seed.
     * The set's sha256 is that of its text, since it was not read from a file.
     */
    public static QuestionSet wmdp(WmdpDomain domain, int count, long seed) {
        Random random = new Random(seed * 31 + domain.ordinal());
        List<String> things = THINGS.get(domain);
        List<Question> questions = new ArrayList<>(count);
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < count; row++) {
            String thing = things.get(random.nextInt(things.size()));
            Attribute attribute = ATTRIBUTES.get(random.nextInt(ATTRIBUTES.size()));
            String question = "According to entry " + (row + 1) + " of the Quorra field guide (a fictional planet), "
                    + attribute.question().formatted(thing) + "?";
            List<String> choices = fourDistinct(attribute.values(), random);
            Question item = new Question(BenchmarkNames.questionIdPrefix(domain.id()) + row, domain.id(), question, choices, random.nextInt(4));
            questions.add(item);
            text.append(item).append('\n');
        }
        String sha256 = Sha256.ofBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return new QuestionSet(domain.id(), questions, "synthetic:" + domain.id() + ":seed=" + seed, sha256);
    }

    /** Four distinct values in a seeded order (a partial Fisher-Yates shuffle, spelled out to stay stable). */
    private static List<String> fourDistinct(List<String> values, Random random) {
        List<String> pool = new ArrayList<>(values);
        for (int i = 0; i < 4; i++) {
            int j = i + random.nextInt(pool.size() - i);
            String swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
        }
        return List.copyOf(pool.subList(0, 4));
    }
}
