package io.mpcrm.hello;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The floor for row 6 of the benchmark: a plain Spring Boot and Camel application with one timer route, started the
 * way the connector is (same versions, same classpath), so the difference is what the connector itself adds. It lives
 * outside {@code io.mpcrm.connector}, so the connector's component scan never picks it up.
 */
@SpringBootApplication
public class HelloCamelApplication {

    public static void main(String[] args) {
        SpringApplication.run(HelloCamelApplication.class, args);
    }

    @Bean
    RouteBuilder hello() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:hello?period=60000").routeId("hello").log("hello");
            }
        };
    }
}
