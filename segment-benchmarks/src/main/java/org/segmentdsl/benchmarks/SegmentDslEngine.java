package org.segmentdsl.benchmarks;

import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.days;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactExplanation;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.EventBuffer;
import org.segmentdsl.Explanation;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.Condition;

/**
 * The engine under test: a {@link ContactIndex} loaded from the data set, answering each
 * workload with a condition built with {@link org.segmentdsl.dsl.Conditions}, evaluated on the
 * latest snapshot at {@link Dataset#NOW} in UTC.
 *
 * <p>Loading goes through the public API only, in batches: first every account, then every
 * contact with its deals ({@link #loadContacts}), then every contact's events ({@link #loadEvents})
 * with {@code IndexBatch.recordAll(EventBuffer)}, so that the heap of contacts and of events can be
 * measured apart.
 */
public final class SegmentDslEngine implements Engine {
  /** The contact, deal and account fields of the data set. */
  public static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("company_size", FieldType.NUMBER)
      .contactField("signup_date", FieldType.DATE)
      .contactField("lifetime_value", FieldType.NUMBER)
      .contactField("renewal_date", FieldType.DATE)
      .contactField("location", FieldType.GEO)
      .dealField("stage", FieldType.STRING)
      .dealField("pipeline", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .dealField("owner", FieldType.STRING)
      .accountField("industry", FieldType.STRING)
      .accountField("employees", FieldType.NUMBER)
      .build();

  /** The saved segments W9 references: W5, W1 and W3 under ids of their own. */
  public static final SegmentRegistry SAVED = SegmentRegistry.of(
      saved(Workload.W9_COMPOSITE, Workload.W5_COMPOSITE),
      saved(Workload.W9_ONBOARDING, Workload.W1_ONBOARDING),
      saved(Workload.W9_REENGAGEMENT, Workload.W3_REENGAGEMENT));

  /** {@link Dataset#NOW} in UTC, with the {@link #SAVED} segments, on the calling thread alone. */
  public static final EvaluationContext CONTEXT =
      EvaluationContext.at(Dataset.NOW).withSegments(SAVED).sequential();

  /**
   * {@link #CONTEXT} with the common pool's threads helping (the default of {@link
   * EvaluationContext}): on 2 cores, one pool thread beside the caller.
   */
  public static final EvaluationContext PARALLEL = CONTEXT.withPool(ForkJoinPool.commonPool());

  /** Contacts per loading batch. */
  public static final int BATCH_CONTACTS = 100_000;

  /** Contacts whose events are recorded per batch (about 200,000 events). */
  public static final int EVENT_BATCH_CONTACTS = 10_000;

  private static final ListStatus[] STATUSES = {ListStatus.SUBSCRIBED, ListStatus.UNSUBSCRIBED,
      ListStatus.BOUNCED, ListStatus.UNCONFIRMED};

  private final ContactIndex index;
  private final Map<Workload, Condition> conditions = new EnumMap<>(Workload.class);

  /** The engine over an index already loaded with the data set. */
  public SegmentDslEngine(ContactIndex index) {
    this.index = index;
    for (Workload w : Workload.values()) {
      conditions.put(w, condition(w));
    }
  }

  /** An index with contacts and events of the whole data set. */
  public static SegmentDslEngine load(Dataset data) {
    ContactIndex index = ContactIndex.create(SCHEMA);
    loadContacts(index, data);
    loadEvents(index, data);
    return new SegmentDslEngine(index);
  }

  /**
   * Upserts every account, then every contact with its deals, {@link #BATCH_CONTACTS} a batch,
   * then {@linkplain ContactIndex#compact compacts} the index, as a bulk import should.
   */
  public static void loadContacts(ContactIndex index, Dataset data) {
    loadContacts(index, data, 0, data.contacts);
    index.compact();
  }

  /**
   * Upserts contacts {@code [from, to)} with their deals, {@link #BATCH_CONTACTS} a batch; when
   * {@code from} is 0, every account first.
   */
  public static void loadContacts(ContactIndex index, Dataset data, int from, int to) {
    if (from == 0) {
      for (int first = 0; first < data.accounts(); first += BATCH_CONTACTS) {
        int start = first;
        int end = Math.min(data.accounts(), first + BATCH_CONTACTS);
        index.update(batch -> {
          for (int a = start; a < end; a++) {
            batch.upsertAccount(toAccount(data, a));
          }
        });
      }
    }
    for (int first = from; first < to; first += BATCH_CONTACTS) {
      int start = first;
      int end = Math.min(to, first + BATCH_CONTACTS);
      index.update(batch -> {
        for (int c = start; c < end; c++) {
          batch.upsert(contact(data, c));
          for (int d = data.dealOffsets[c]; d < data.dealOffsets[c + 1]; d++) {
            batch.upsertDeal(toDeal(data, c, d));
          }
        }
      });
    }
  }

  /** Records every event, the events of {@link #EVENT_BATCH_CONTACTS} contacts a batch. */
  public static void loadEvents(ContactIndex index, Dataset data) {
    loadEvents(index, data, 0, data.contacts);
  }

  /**
   * Records the events of contacts {@code [from, to)}, {@link #EVENT_BATCH_CONTACTS} a batch,
   * through the columnar bulk API: each batch's events go into one {@link EventBuffer} (no {@link
   * Event} per event; a new property map per event, as a stream's records would bring).
   */
  public static void loadEvents(ContactIndex index, Dataset data, int from, int to) {
    EventBuffer buffer = new EventBuffer();
    for (int first = from; first < to; first += EVENT_BATCH_CONTACTS) {
      buffer.clear();
      for (int c = first; c < Math.min(to, first + EVENT_BATCH_CONTACTS); c++) {
        String id = Dataset.contactId(c);
        for (int e = data.eventOffsets[c]; e < data.eventOffsets[c + 1]; e++) {
          addEvent(buffer, data, id, e);
        }
      }
      index.update(batch -> batch.recordAll(buffer));
    }
  }

  /**
   * Adds contact {@code c} (its account must exist) with its deals and events, as generated, to a
   * batch.
   */
  static void addContact(IndexBatch batch, Dataset data, int c) {
    batch.upsert(contact(data, c));
    for (int d = data.dealOffsets[c]; d < data.dealOffsets[c + 1]; d++) {
      batch.upsertDeal(toDeal(data, c, d));
    }
    String id = Dataset.contactId(c);
    for (int e = data.eventOffsets[c]; e < data.eventOffsets[c + 1]; e++) {
      batch.record(toEvent(data, id, e));
    }
  }

  /** Account {@code a} of the data set. */
  static Account toAccount(Dataset data, int a) {
    return Account.builder(Dataset.accountId(a))
        .field("industry", Dataset.INDUSTRIES[data.accountIndustry[a]])
        .field("employees", data.accountEmployees[a])
        .build();
  }

  /** Contact {@code c} of the data set as the engine takes it, linked to its account. */
  public static Contact contact(Dataset data, int c) {
    Contact.Builder b = Contact.builder(Dataset.contactId(c));
    for (int i = data.tagOffsets[c]; i < data.tagOffsets[c + 1]; i++) {
      b.tags(Dataset.TAGS[data.tagIds[i] & 0xFF]);
    }
    for (int l = 0; l < Dataset.LISTS.length; l++) {
      byte s = data.listStatus[l][c];
      if (s != 0) {
        b.list(Dataset.LISTS[l], STATUSES[s - 1]);
      }
    }
    if (data.country[c] >= 0) {
      b.field("country", Dataset.COUNTRIES[data.country[c]]);
    }
    if (data.companySize[c] != Dataset.UNSET) {
      b.field("company_size", data.companySize[c]);
    }
    b.field("signup_date", LocalDate.ofEpochDay(data.signupDay[c]));
    b.field("lifetime_value", data.lifetimeValue[c]);
    if (data.renewalDay[c] != Dataset.UNSET) {
      b.field("renewal_date", LocalDate.ofEpochDay(data.renewalDay[c]));
    }
    b.field("location", new GeoPoint(data.lat[c], data.lon[c]));
    if (data.account[c] >= 0) {
      b.account(Dataset.accountId(data.account[c]));
    }
    return b.build();
  }

  /** Deal {@code d} of the data set, of contact {@code c}. */
  static Deal toDeal(Dataset data, int c, int d) {
    return Deal.builder(Dataset.dealId(d), Dataset.contactId(c))
        .field("stage", Dataset.STAGES[data.dealStage[d]])
        .field("pipeline", Dataset.PIPELINES[data.dealPipeline[d]])
        .field("value", data.dealValue[d])
        .field("owner", Dataset.OWNERS[data.dealOwner[d]])
        .build();
  }

  /** Event {@code e} of the data set, of the contact with that id. */
  static Event toEvent(Dataset data, String contactId, int e) {
    byte type = data.eventType[e];
    Instant at = Instant.ofEpochSecond(data.eventSecond[e]);
    String property = Dataset.EVENT_PROPERTY[type];
    if (property == null) {
      return Event.of(contactId, Dataset.EVENT_TYPES[type], at);
    }
    return Event.of(contactId, Dataset.EVENT_TYPES[type], at, Map.of(property, value(data, e)));
  }

  /** Adds event {@code e} of the data set, of the contact with that id, to a buffer. */
  static void addEvent(EventBuffer buffer, Dataset data, String contactId, int e) {
    byte type = data.eventType[e];
    Instant at = Instant.ofEpochSecond(data.eventSecond[e]);
    String property = Dataset.EVENT_PROPERTY[type];
    if (property == null) {
      buffer.add(contactId, Dataset.EVENT_TYPES[type], at);
    } else {
      buffer.add(contactId, Dataset.EVENT_TYPES[type], at, Map.of(property, value(data, e)));
    }
  }

  private static Object value(Dataset data, int e) {
    short v = data.eventProp[e];
    return switch (data.eventType[e]) {
      case Dataset.EMAIL_CLICK -> Dataset.CAMPAIGNS[v];
      case Dataset.PAGE_VISIT -> Dataset.URLS[v];
      case Dataset.WEBINAR_ATTENDED -> Dataset.TOPICS[v];
      case Dataset.PURCHASE -> (double) v;
      default -> throw new IllegalStateException("no property for event type " + data.eventType[e]);
    };
  }

  /** The workload as a condition. */
  public static Condition condition(Workload workload) {
    return switch (workload) {
      case W1_ONBOARDING -> all(tag("source-webinar"),
          dateField("signup_date").inLast(days(Workload.SIGNUP_DAYS)));
      case W2_NURTURE -> all(tag("interest-crm"), not(tag("status-customer")),
          event("email_click").where(prop("campaign").startsWith("crm"))
              .inLast(Workload.FOURTEEN_DAYS));
      case W3_REENGAGEMENT -> all(list("newsletter").subscribed(),
          event("email_open").never().inLast(Workload.NINETY_DAYS),
          event("email_click").never().inLast(Workload.NINETY_DAYS));
      case W4_ABANDONED_CART -> all(event("checkout_started").inLast(Workload.ONE_DAY),
          not(event("purchase").inLast(Workload.ONE_DAY)));
      case W5_COMPOSITE -> any(
          all(tag(Workload.TAG_A), field("country").eq("US"),
              numberField("company_size").gte(50),
              event("email_click").inLast(Workload.FOURTEEN_DAYS)),
          all(tag(Workload.TAG_B), not(tag(Workload.TAG_C))));
      case W6_SALES -> all(
          deal(all(field("stage").eq("Qualified"), numberField("value").gte(1000))),
          account(field("industry").eq("SaaS")));
      case W7_WIDE -> all(anyTag(Workload.W7_TAGS),
          event("email_open").atLeast(3).inLast(Workload.YEAR));
      case W8_NURTURE_20 -> all(
          anyTag(Workload.W8_INTERESTS),
          field("country").in(Workload.W8_COUNTRIES),
          numberField("company_size").between(Workload.W8_MIN_SIZE, Workload.W8_MAX_SIZE),
          dateField("signup_date").inLast(days(Workload.W8_SIGNUP_DAYS)),
          list("newsletter").subscribed(),
          anyTag(Workload.W8_WARM_TAGS,
              event("email_click")
                  .where(prop("campaign").startsWith(Workload.W8_CAMPAIGN_PREFIX))
                  .inLast(Workload.THIRTY_DAYS),
              event("page_visit").where(prop("url").contains(Workload.W8_URL_PART))
                  .atLeast(Workload.W8_VISITS).inLast(Workload.FOURTEEN_DAYS)),
          not(anyTag(Workload.W8_EXCLUDED_TAGS,
              event("purchase").inLast(Workload.NINETY_DAYS),
              list("product-updates").unsubscribed(),
              list("webinars").bounced())));
      case W9_SAVED_SEGMENTS -> all(inSegment(Workload.W9_COMPOSITE),
          any(inSegment(Workload.W9_ONBOARDING), not(inSegment(Workload.W9_REENGAGEMENT))));
    };
  }

  /** Any of these tags, or any of the other conditions. */
  private static Condition anyTag(List<String> tags, Condition... others) {
    List<Condition> any = new ArrayList<>();
    tags.forEach(t -> any.add(tag(t)));
    any.addAll(List.of(others));
    return any(any);
  }

  private static Segment saved(String id, Workload workload) {
    return Segment.builder().id(id).name(workload.label()).where(condition(workload)).build();
  }

  /** The index (for the benchmarks that write to it). */
  public ContactIndex index() {
    return index;
  }

  @Override
  public String name() {
    return "Segment DSL";
  }

  @Override
  public long count(Workload workload) {
    return index.evaluate(conditions.get(workload), CONTEXT).count();
  }

  /** {@link #count} with the common pool's threads helping. */
  public long countParallel(Workload workload) {
    return index.evaluate(conditions.get(workload), PARALLEL).count();
  }

  /** Why one contact is or is not in the workload's segment, on the latest snapshot. */
  public ContactExplanation why(Workload workload, String contactId) {
    return index.snapshot().why(conditions.get(workload), contactId, CONTEXT).orElseThrow();
  }

  /** The workload's explain tree on the latest snapshot. */
  public Explanation explain(Workload workload) {
    return index.explain(conditions.get(workload), CONTEXT);
  }
}
