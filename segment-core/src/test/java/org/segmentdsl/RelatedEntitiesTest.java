package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;

class RelatedEntitiesTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .dealField("stage", FieldType.STRING)
      .dealField("pipeline", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .accountField("industry", FieldType.STRING)
      .accountField("employees", FieldType.NUMBER)
      .build();

  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  private static Deal newDeal(String id, String contact, String stage, String pipeline, double value) {
    return Deal.builder(id, contact).field("stage", stage).field("pipeline", pipeline)
        .field("value", value).build();
  }

  private static ContactIndex sample() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsertAccount(Account.builder("acme").field("industry", "SaaS").field("employees", 420)
            .build())
        .upsertAccount(Account.builder("bolt").field("industry", "Retail").build())
        .upsert(Contact.builder("split").account("acme").build())
        .upsert(Contact.builder("same").account("bolt").build())
        .upsert(Contact.builder("none").tags("lead").build())
        // "split" has a Won deal in another pipeline and a Sales deal in another stage
        .upsertDeal(newDeal("d1", "split", "Won", "Partners", 5_000))
        .upsertDeal(newDeal("d2", "split", "Qualified", "Sales", 800))
        // "same" has one deal that is both
        .upsertDeal(newDeal("d3", "same", "Won", "Sales", 2_000)));
    return index;
  }

  @Test
  void everyPartOfADealConditionHoldsOnTheSameDeal() {
    ContactIndex index = sample();
    var wonInSales = deal(all(field("stage").eq("Won"), field("pipeline").eq("Sales")));
    assertThat(index.evaluate(wonInSales, CTX).ids()).containsExactly("same");
    // each part alone matches both contacts with deals
    assertThat(index.evaluate(deal(field("stage").eq("Won")), CTX).ids())
        .containsExactly("split", "same");
    assertThat(index.evaluate(deal(field("pipeline").eq("Sales")), CTX).ids())
        .containsExactly("split", "same");
    assertThat(index.evaluate(deal(any(numberField("value").lt(1000),
        field("stage").eq("Lost"))), CTX).ids()).containsExactly("split");
  }

  @Test
  void notInsideADealIsTakenOverAllDeals() {
    ContactIndex index = sample();
    // "has a deal that is not Won": split (d2); same has only a Won deal; none has no deals
    assertThat(index.evaluate(deal(not(field("stage").eq("Won"))), CTX).ids())
        .containsExactly("split");
    // "has no Won deal": only the contact without deals
    assertThat(index.evaluate(not(deal(field("stage").eq("Won"))), CTX).ids())
        .containsExactly("none");
    // an empty all() inside deal matches every deal: contacts with any deal
    assertThat(index.evaluate(deal(all()), CTX).ids()).containsExactly("split", "same");
    assertThat(index.evaluate(deal(any()), CTX).count()).isZero();
  }

  @Test
  void contactsWithoutAnAccountNeverMatchAnAccountCondition() {
    ContactIndex index = sample();
    assertThat(index.evaluate(account(field("industry").eq("SaaS")), CTX).ids())
        .containsExactly("split");
    assertThat(index.evaluate(account(not(field("industry").eq("SaaS"))), CTX).ids())
        .containsExactly("same");
    assertThat(index.evaluate(account(all()), CTX).ids()).containsExactly("split", "same");
    assertThat(index.evaluate(account(field("employees").isNotSet()), CTX).ids())
        .containsExactly("same");
    assertThat(index.evaluate(not(account(field("industry").eq("SaaS"))), CTX).ids())
        .containsExactly("same", "none");
  }

  @Test
  void removingAContactRemovesItsDealsAndRemovingAnAccountClearsItsContactsLinks() {
    ContactIndex index = sample();
    index.remove("same");
    assertThat(index.evaluate(deal(field("stage").eq("Won")), CTX).ids()).containsExactly("split");
    index.update(b -> b.upsert(Contact.builder("same").build()));
    assertThat(index.evaluate(deal(all()), CTX).ids()).containsExactly("split");

    index.update(b -> b.removeAccount("acme"));
    assertThat(index.evaluate(account(all()), CTX).count()).isZero();
    // the link does not come back with the account
    index.update(b -> b.upsertAccount(Account.builder("acme").field("industry", "SaaS").build()));
    assertThat(index.evaluate(account(all()), CTX).count()).isZero();
    index.update(b -> b.setAccount("split", "acme"));
    assertThat(index.evaluate(account(field("industry").eq("SaaS")), CTX).ids())
        .containsExactly("split");
  }

  @Test
  void movingADealToAnotherContactAndChangingItsFields() {
    ContactIndex index = sample();
    index.update(b -> b.upsertDeal(newDeal("d3", "none", "Won", "Sales", 2_000)));
    assertThat(index.evaluate(deal(field("pipeline").eq("Sales")), CTX).ids())
        .containsExactly("split", "none");
    index.update(b -> b.upsertDeal(newDeal("d3", "none", "Lost", "Sales", 2_000))
        .removeDeal("d2").removeDeal("no-such-deal"));
    assertThat(index.evaluate(deal(field("stage").eq("Won")), CTX).ids())
        .containsExactly("split");
    assertThat(index.evaluate(deal(field("pipeline").eq("Sales")), CTX).ids())
        .containsExactly("none");
  }

  @Test
  void badDealsAndAccountsChangeNothing() {
    ContactIndex index = sample();
    long version = index.snapshot().version();
    assertThatThrownBy(() -> index.update(b -> b
        .upsertDeal(newDeal("d9", "none", "Won", "Sales", 1))
        .upsertDeal(newDeal("d10", "ghost", "Won", "Sales", 1))))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessage("deal \"d10\": no such contact \"ghost\"");
    assertThatThrownBy(() -> index.update(b -> b.upsertDeal(
        Deal.builder("d9", "none").field("value", "a lot").build())))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessage("deal \"d9\", field \"value\": number field expects a finite Number, got "
            + "String \"a lot\"");
    assertThatThrownBy(() -> index.update(b -> b.upsertAccount(
        Account.builder("x").field("industri", "SaaS").build())))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("account \"x\", field \"industri\": unknown account field")
        .hasMessageContaining("industry");
    assertThatThrownBy(() -> index.update(b -> b.setAccount("none", "ghost-inc")))
        .isInstanceOf(InvalidContactException.class)
        .hasMessage("contact \"none\": no such account \"ghost-inc\"");
    assertThatThrownBy(() -> index.update(b -> b
        .removeAccount("acme").upsert(Contact.builder("new").account("acme").build())))
        .isInstanceOf(InvalidContactException.class);
    assertThat(index.snapshot().version()).isEqualTo(version);
    assertThat(index.evaluate(deal(all()), CTX).ids()).containsExactly("split", "same");
    assertThat(index.evaluate(account(all()), CTX).ids()).containsExactly("split", "same");
  }

  @Test
  void dealConditionsAreCheckedAgainstDealFields() {
    ContactIndex index = sample();
    assertThatThrownBy(() -> index.evaluate(
        Segment.of(all(tag("lead"), deal(field("stag").eq("Won")))), CTX))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/all/1/deal/field: unknown deal field \"stag\"; did you mean \"stage\"?");
    assertThatThrownBy(() -> index.evaluate(
        Segment.of(account(new FieldCondition("industry", FieldOperator.GT,
            new Operand.Single(Literal.of(5))))), CTX))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/account/op: operator \"gt\" does not apply to string account field "
            + "\"industry\"");
    // contact fields are not deal fields
    assertThatThrownBy(() -> index.evaluate(deal(field("country").eq("US")), CTX))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessageStartingWith("/where/deal/field: unknown deal field \"country\"");
    assertThatThrownBy(() -> new DealCondition(all(tag("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deal conditions are built only from all, any, not and field conditions, "
            + "not tag");
  }

  @Test
  void explainShowsDealAndAccountCountsAndTheProjectedContacts() {
    ContactIndex index = sample();
    Explanation e = index.explain(
        all(deal(field("stage").eq("Won")), account(field("industry").eq("SaaS"))), CTX);
    assertThat(e.toString()).isEqualTo("""
        all: 1
          deal: 2
            field "stage" eq "Won": 2 deals
          account: 1
            field "industry" eq "SaaS": 1 accounts
        total: 1""");
  }
}
