package io.mpcrm.connector.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;

/** An administrator's schedule list becomes one named Quartz route per sync and seller account. */
class ScheduledRequestRoutesTest {

    @Test
    void eachScheduleBecomesANamedQuartzRouteWithItsCron() throws Exception {
        Schedules schedules = new Schedules(List.of(
                new Schedules.Schedule("REFRESH_PRODUCTS", "111122223333", "0 0 3 * * ?"),
                new Schedules.Schedule("REFRESH_AGREEMENTS", "111122223333", "0 30 3 * * ?")),
                List.of(new Schedules.ConfiguredAccount("111122223333")));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new ScheduledRequestRoutes(schedules));

            List<RouteDefinition> routes = ((ModelCamelContext) camel).getRouteDefinitions();
            assertThat(routes).extracting(RouteDefinition::getRouteId).containsExactly(
                    "schedule-refresh-products-111122223333", "schedule-refresh-agreements-111122223333");
            assertThat(routes.get(1).getInput().getEndpointUri())
                    .isEqualTo("quartz://schedules/refresh-agreements-111122223333?cron=0+30+3+*+*+?");
        }
    }
}
