package io.mpcrm.connector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mpcrm.connector.security.IamPolicy.Decision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link IamPolicy} decides as IAM documents it, so that IamPolicyTest's verdicts on the shipped policies can be
 * trusted: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * .../reference_policies_elements_condition_operators.html and
 * .../reference_policies_condition-single-vs-multi-valued-context-keys.html.
 */
class IamPolicyEvaluationTest {

    private static final String BUCKET = "arn:aws:s3:::acme";

    @Test
    void anExplicitDenyWinsOverAnAllowAndNoMatchingStatementIsAnImplicitDeny() {
        IamPolicy policy = IamPolicy.of("""
                {"Statement": [
                  {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::acme/*"},
                  {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}
                """);

        assertThat(policy.decide("s3:GetObject", BUCKET + "/a.pdf", Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(policy.decide("s3:DeleteObject", BUCKET + "/a.pdf", Map.of())).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(policy.decide("s3:GetObject", "arn:aws:s3:::other/a.pdf", Map.of()))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void actionsIgnoreCaseResourcesDoNotAndWildcardsMatchAnyCharactersOrOne() {
        IamPolicy policy = IamPolicy.of("""
                {"Statement": [{"Effect": "Allow", "Action": "s3:getobject", "Resource": "arn:aws:s3:::acme/eula?/*"}]}
                """);

        assertThat(policy.allowsWith("s3:GetObject", BUCKET + "/eulas/x/y.pdf", Map.of())).isTrue();
        assertThat(policy.allowsWith("s3:GetObject", BUCKET + "/EULAS/y.pdf", Map.of())).isFalse();
        assertThat(policy.allowsWith("s3:GetObject", BUCKET + "/eula/y.pdf", Map.of())).isFalse();
    }

    @Test
    void stringEqualsNeedsTheKeyUnlessIfExistsAndAnyListedValueWill() {
        IamPolicy strict = allowWhen("\"StringEquals\": {\"catalog:ChangeType\": [\"CreateOffer\", \"ReleaseOffer\"]}");
        IamPolicy ifExists = allowWhen("\"StringEqualsIfExists\": {\"catalog:ChangeType\": \"CreateOffer\"}");

        assertThat(strict.allowsWith("x:Do", "*", Map.of("catalog:ChangeType", List.of("ReleaseOffer")))).isTrue();
        assertThat(strict.allowsWith("x:Do", "*", Map.of("catalog:ChangeType", List.of("CreateProduct")))).isFalse();
        assertThat(strict.allowsWith("x:Do", "*", Map.of("catalog:ChangeType", List.of("createoffer")))).isFalse();
        assertThat(strict.allowsWith("x:Do", "*", Map.of())).as("key absent").isFalse();
        assertThat(ifExists.allowsWith("x:Do", "*", Map.of())).as("key absent").isTrue();
        assertThat(ifExists.allowsWith("x:Do", "*", Map.of("catalog:ChangeType", List.of("ReleaseOffer")))).isFalse();
    }

    @Test
    void forAllValuesHoldsForEveryValueListedAndAlsoForNoneSoItNeedsANullGuard() {
        IamPolicy unguarded = allowWhen("\"ForAllValues:StringEquals\": {\"k:Types\": [\"A\", \"B\"]}");
        IamPolicy guarded = allowWhen("\"ForAllValues:StringEquals\": {\"k:Types\": [\"A\", \"B\"]},"
                + " \"Null\": {\"k:Types\": \"false\"}");

        assertThat(unguarded.allowsWith("x:Do", "*", Map.of("k:Types", List.of("A", "B")))).isTrue();
        assertThat(unguarded.allowsWith("x:Do", "*", Map.of("k:Types", List.of("A", "C")))).isFalse();
        assertThat(unguarded.allowsWith("x:Do", "*", Map.of())).as("vacuously true").isTrue();
        assertThat(guarded.allowsWith("x:Do", "*", Map.of())).isFalse();
        assertThat(guarded.allowsWith("x:Do", "*", Map.of("k:Types", List.of("B")))).isTrue();
    }

    @Test
    void forAnyValueNeedsOneValueListedAndNullTellsAbsentFromPresent() {
        IamPolicy any = allowWhen("\"ForAnyValue:StringLike\": {\"k:Types\": \"Create*\"}");
        IamPolicy absent = allowWhen("\"Null\": {\"k:Types\": \"true\"}");

        assertThat(any.allowsWith("x:Do", "*", Map.of("k:Types", List.of("UpdateX", "CreateY")))).isTrue();
        assertThat(any.allowsWith("x:Do", "*", Map.of("k:Types", List.of("UpdateX")))).isFalse();
        assertThat(any.allowsWith("x:Do", "*", Map.of())).isFalse();
        assertThat(absent.allowsWith("x:Do", "*", Map.of())).isTrue();
        assertThat(absent.allowsWith("x:Do", "*", Map.of("k:Types", List.of("A")))).isFalse();
    }

    @Test
    void operatorsKeysAndStatementsItCannotReadAreRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> allowWhen("\"DateGreaterThan\": {\"aws:CurrentTime\": \"2020-01-01T00:00:00Z\"}")
                .allowsWith("x:Do", "*", Map.of("aws:CurrentTime", List.of("2030-01-01T00:00:00Z"))))
                .hasMessageContaining("DateGreaterThan");
        assertThatThrownBy(() -> allowWhen("\"StringEquals\": {\"k:Types\": \"A\"}")
                .allowsWith("x:Do", "*", Map.of("k:Types", List.of("A", "B"))))
                .hasMessageContaining("without ForAllValues/ForAnyValue");
        assertThatThrownBy(() -> IamPolicy.of("""
                {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
                """).allowsWith("s3:GetObject", "*", Map.of())).hasMessageContaining("NotAction");
    }

    private static IamPolicy allowWhen(String conditions) {
        return IamPolicy.of("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"x:Do\", \"Resource\": \"*\","
                + " \"Condition\": {" + conditions + "}}]}");
    }
}
