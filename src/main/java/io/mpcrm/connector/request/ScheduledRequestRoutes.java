package io.mpcrm.connector.request;

import java.util.Locale;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One Quartz route per configured schedule, named {@code schedule-<action>-<account>}. The routes come from
 * configuration, which YAML routes cannot loop over; each one only records a request.
 */
@Component
public class ScheduledRequestRoutes extends RouteBuilder {

    private final Schedules schedules;

    public ScheduledRequestRoutes(Schedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public void configure() {
        for (Schedules.Schedule schedule : schedules.schedules()) {
            String name = schedule.action().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + schedule.sellerAccount();
            from("quartz://schedules/" + name + "?cron=" + schedule.cron().trim().replace(' ', '+'))
                    .routeId("schedule-" + name)
                    .bean("scheduledRequests", "create('" + schedule.action() + "', '"
                            + schedule.sellerAccount() + "')");
        }
    }
}
