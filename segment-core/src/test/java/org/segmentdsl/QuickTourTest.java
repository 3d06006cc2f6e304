package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.geoField;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

class QuickTourTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("company_size", FieldType.NUMBER)
      .contactField("signup_date", FieldType.DATE)
      .contactField("location", FieldType.GEO)
      .build();

  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  @Test
  void theIssueExampleSelectsExactlyTheMatchingLead() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsert(Contact.builder("lead").tags("interest-crm").list("newsletter", ListStatus.SUBSCRIBED)
            .field("country", "US").field("company_size", 120)
            .field("signup_date", LocalDate.of(2026, 11, 20))
            .field("location", new GeoPoint(40.73, -73.99)).build())
        .upsert(Contact.builder("customer").tags("interest-crm", "status-customer")
            .list("newsletter", ListStatus.SUBSCRIBED).field("country", "US")
            .field("company_size", 500).field("signup_date", LocalDate.of(2026, 11, 1))
            .field("location", new GeoPoint(40.71, -74.0)).build())
        .upsert(Contact.builder("far").tags("interest-crm").list("newsletter", ListStatus.SUBSCRIBED)
            .field("country", "US").field("company_size", 80)
            .field("signup_date", LocalDate.of(2026, 11, 27))
            .field("location", new GeoPoint(34.05, -118.24)).build()));

    Condition leads = all(tag("interest-crm"), not(tag("status-customer")), field("country").eq("US"),
        numberField("company_size").gte(50), dateField("signup_date").inLast(Period.ofDays(30)),
        list("newsletter").subscribed(), geoField("location").withinKm(40.71, -74.0, 50));

    SegmentResult result = index.evaluate(leads, CTX);
    assertThat(result.ids()).containsExactly("lead");
    assertThat(result.contains("lead")).isTrue();
    assertThat(result.contains("far")).isFalse();
    assertThat(index.evaluate(any(), CTX).count()).isZero();
    assertThat(index.evaluate(all(), CTX).ids()).containsExactly("lead", "customer", "far");

    Explanation explanation = index.explain(Segment.of(leads), CTX);
    assertThat(explanation.total()).isEqualTo(1);
    assertThat(explanation.toString()).startsWith("all: 1\n  tag \"interest-crm\": 3\n  not: 2\n")
        .endsWith("total: 1");
  }
}
