package org.segmentdsl.examples.readme;

import static org.segmentdsl.dsl.Conditions.*;

import java.time.*;
import org.segmentdsl.*;

public class Tour {
  public static void main(String[] args) {
    Schema schema = Schema.builder()
        .contactField("country", FieldType.STRING)
        .contactField("company_size", FieldType.NUMBER)
        .contactField("signup_source", FieldType.STRING)
        .contactField("signup_date", FieldType.DATE)
        .contactField("renewal_date", FieldType.DATE)
        .contactField("birthday", FieldType.DATE)
        .contactField("last_login", FieldType.DATETIME)
        .contactField("vip", FieldType.BOOLEAN)
        .contactField("location", FieldType.GEO)
        .dealField("stage", FieldType.STRING)
        .dealField("pipeline", FieldType.STRING)
        .dealField("value", FieldType.NUMBER)
        .accountField("industry", FieldType.STRING)
        .accountField("employees", FieldType.NUMBER)
        .build();

    ContactIndex index = ContactIndex.create(schema);

    // One batch: readers see all of it or none of it.
    index.update(batch -> batch
        .upsert(Contact.builder("c-1001")
            .tags("interest-crm", "source-webinar")
            .list("newsletter", ListStatus.SUBSCRIBED)
            .field("country", "US")
            .field("company_size", 120)
            .field("signup_date", LocalDate.of(2026, 11, 2))
            .field("location", new GeoPoint(40.73, -73.99))
            .build())
        .upsert(Contact.builder("c-1002")
            .tags("interest-crm", "status-customer")
            .field("country", "US")
            .field("company_size", 3000)
            .build())
        .addTag("c-1001", "webinar-2026-12"));

    Segment engagedLeads = Segment.builder()
        .id("engaged-crm-leads")
        .name("Engaged leads - CRM interest")
        .where(all(
            tag("interest-crm"),
            not(tag("status-customer")),
            field("country").eq("US"),
            numberField("company_size").gte(50),
            dateField("signup_date").inLast(days(30)),
            list("newsletter").subscribed(),
            geoField("location").withinKm(40.71, -74.0, 50)))
        .build();

    // "in the last 30 days" counts back from the context's instant, in its zone;
    // a service passes Instant.now(), a test or a report a fixed instant
    Instant now = Instant.parse("2026-11-20T12:00:00Z");
    EvaluationContext ctx = EvaluationContext.of(now, ZoneId.of("America/New_York"));
    SegmentResult result = index.evaluate(engagedLeads, ctx);
    System.out.println(result.count());            // 1
    System.out.println(result.ids());              // [c-1001], in the order contacts were added
    System.out.println(result.contains("c-1002")); // false: a customer
    System.out.println(index.explain(engagedLeads, ctx));
  }
}
