package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.engine.WmdpReportEntries;
import dev.wmdpjunit.engine.WmdpUniqueIds;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One question, selected by unique id ({@code [domain:wmdp-bio]/[question:17]}, the row in file order) or by
 * {@code wmdp.questions} (ids such as {@code wmdp-bio/17}); its display name is the question id. Reports
 * the four loglikelihoods, the gold and the predicted answer. A measurement, not a check: it passes whenever the
 * question was scored.
 */
final class QuestionDescriptor extends AbstractTestDescriptor implements Node<WmdpContext> {

    static final String SEGMENT = WmdpUniqueIds.QUESTION;

    private final String questionId;

    QuestionDescriptor(UniqueId domainId, int row, String questionId) {
        super(domainId.append(SEGMENT, Integer.toString(row)), questionId);
        this.questionId = questionId;
    }

    String questionId() {
        return questionId;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public WmdpContext execute(WmdpContext context, DynamicTestExecutor dynamicTestExecutor) {
        DomainResult result = context.domain().get().candidate();
        QuestionResult question = result.questions().stream().filter(q -> q.id().equals(questionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no question '" + questionId + "' in "
                        + result.domain() + " (" + result.dataset().path() + ")"));
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(WmdpReportEntries.QUESTION, questionId);
        entry.put(WmdpReportEntries.GOLD, letter(question.gold()));
        entry.put(WmdpReportEntries.PREDICTED, letter(question.predicted()));
        double[] loglikelihoods = question.loglikelihoods();
        for (int i = 0; i < loglikelihoods.length; i++) {
            entry.put(WmdpReportEntries.loglikelihood(letter(i)), Double.toString(loglikelihoods[i]));
        }
        context.publish(this, ReportEntry.from(entry));
        return context;
    }

    private static String letter(int choice) {
        return MultipleChoiceTemplate.CHOICE_LABELS.get(choice);
    }
}
