package io.mpcrm.connector.settings;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Settings with rules that span several of their values (a role in the seller's own account, a JWT login that needs
 * a user name). Each broken rule is reported on the one setting to correct, so the start-up message names it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentSettings.Check.class)
public @interface ConsistentSettings {

    String message() default "is inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The settings object's own rules. */
    interface Rules {
        /** For each broken rule: the property (its Java name) to correct, and what is wrong with it. */
        Map<String, String> brokenRules();
    }

    class Check implements ConstraintValidator<ConsistentSettings, Rules> {

        @Override
        public boolean isValid(Rules settings, ConstraintValidatorContext context) {
            Map<String, String> broken = settings == null ? Map.of() : settings.brokenRules();
            if (broken.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            broken.forEach((property, problem) -> context.buildConstraintViolationWithTemplate(
                            problem.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$"))
                    .addPropertyNode(property).addConstraintViolation());
            return false;
        }
    }
}
