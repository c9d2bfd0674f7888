package io.mpcrm.connector.settings;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.text.ParseException;
import org.quartz.CronExpression;

/**
 * A setting that must be a Quartz cron expression (six or seven fields: seconds minutes hours day-of-month month
 * day-of-week [year]), so that a wrong schedule stops the connector at start instead of never firing.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = QuartzCron.Check.class)
public @interface QuartzCron {

    String message() default "is not a Quartz cron expression";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<QuartzCron, String> {

        @Override
        public boolean isValid(String cron, ConstraintValidatorContext context) {
            String problem = problem(cron);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(escape(problem)).addConstraintViolation();
            return false;
        }

        /** What is wrong with the expression, in words, or null when Quartz accepts it. */
        static String problem(String cron) {
            if (cron == null || cron.isBlank()) {
                return "is missing: give a Quartz cron expression, e.g. \"0 0 3 * * ?\" for 03:00 UTC every day";
            }
            try {
                new CronExpression(cron.trim());
                return null;
            } catch (ParseException e) {
                return "is not a Quartz cron expression (" + e.getMessage() + "): write six or seven fields, seconds"
                        + " minutes hours day-of-month month day-of-week [year], with ? in day-of-month or"
                        + " day-of-week, e.g. \"0 0 3 * * ?\" for 03:00 UTC every day";
            }
        }

        /** Message templates treat braces and dollars as expressions; the parser's words are plain text. */
        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
