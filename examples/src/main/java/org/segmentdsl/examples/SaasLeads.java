package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.util.List;
import org.segmentdsl.Account;
import org.segmentdsl.Segment;

/** Accounts in a given industry: leads at SaaS accounts with more than 200 employees. */
public final class SaasLeads {
  private SaasLeads() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("saas-leads")
      .name("Leads at SaaS accounts over 200 employees")
      .where(all(
          tag("status-lead"),
          account(all(field("industry").eq("SaaS"), numberField("employees").gt(200)))))
      .build();

  public static List<Example> examples() {
    return List.of(new Example(SEGMENT, (c, data) -> {
      Account a = data.accountOf(c);
      return c.tags().contains("status-lead") && a != null
          && "SaaS".equals(a.fields().get("industry"))
          && a.fields().get("employees") instanceof Number n && n.doubleValue() > 200;
    }));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
