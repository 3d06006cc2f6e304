package org.segmentdsl.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The database peer: DuckDB in process over JDBC, in memory, with the data set in six tables
 * ({@code contacts}, {@code contact_tags}, {@code contact_lists}, {@code events}, {@code deals},
 * {@code accounts}) and one hand-written SQL query per workload, each a prepared statement
 * returning {@code count(*)}.
 *
 * <p>Set up to give DuckDB its best realistic case: loaded with the Appender API; the database is
 * attached with {@code COMPRESS} and checkpointed after loading, so its tables are compressed in
 * memory as they would be on disk (DuckDB 1.4+ leaves in-memory tables uncompressed by default);
 * events are appended in time order, as a live system would insert them, so the zone maps on
 * {@code ts} let short windows skip old row groups; window bounds are literals in the SQL, so they
 * are known when the query is planned. {@code threads} is set to the given number (2 on the
 * benchmark machine).
 *
 * <p>Semantics match segment-format.md exactly: a window "the last D" is {@code ts > now - D AND ts
 * <= now}; a date "in the last N days" is {@code d > today - N AND d <= today}; {@code startsWith}
 * is case-sensitive ({@code starts_with}); a contact has at most one status per list. Timestamps
 * are {@code TIMESTAMP} in UTC.
 */
public final class DuckDbEngine implements Engine {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final PreparedCounts counts;

  private DuckDbEngine(Connection connection) throws SQLException {
    this.counts = new PreparedCounts(connection, DuckDbEngine::sql);
  }

  /**
   * A new in-memory database with the whole data set.
   *
   * @param threads DuckDB's {@code threads} setting
   * @param memoryLimit DuckDB's {@code memory_limit}, such as {@code "4GB"}
   * @param tempDirectory where DuckDB may spill past the limit
   */
  public static DuckDbEngine load(Dataset data, int threads, String memoryLimit,
      String tempDirectory) {
    try {
      Connection connection = PreparedCounts.open("bench", threads, memoryLimit, tempDirectory);
      try (Statement s = connection.createStatement()) {
        createTables(s);
      }
      appendAll(connection.unwrap(DuckDBConnection.class), data);
      PreparedCounts.checkpoint(connection);
      return new DuckDbEngine(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("loading DuckDB failed: " + e.getMessage(), e);
    }
  }

  private static void createTables(Statement s) throws SQLException {
    s.execute("CREATE TABLE accounts (id INTEGER NOT NULL, industry VARCHAR, employees DOUBLE)");
    s.execute("CREATE TABLE contacts (id INTEGER NOT NULL, country VARCHAR, company_size DOUBLE,"
        + " signup_date DATE, lifetime_value DOUBLE, renewal_date DATE, lat DOUBLE, lon DOUBLE,"
        + " account_id INTEGER)");
    s.execute("CREATE TABLE contact_tags (contact_id INTEGER NOT NULL, tag VARCHAR NOT NULL)");
    s.execute("CREATE TABLE contact_lists (contact_id INTEGER NOT NULL, list VARCHAR NOT NULL,"
        + " status VARCHAR NOT NULL)");
    s.execute("CREATE TABLE deals (id INTEGER NOT NULL, contact_id INTEGER NOT NULL,"
        + " stage VARCHAR, pipeline VARCHAR, value DOUBLE, owner VARCHAR)");
    s.execute("CREATE TABLE events (contact_id INTEGER NOT NULL, type VARCHAR NOT NULL,"
        + " ts TIMESTAMP NOT NULL, campaign VARCHAR, url VARCHAR, topic VARCHAR, amount DOUBLE)");
  }

  private static void appendAll(DuckDBConnection connection, Dataset data) throws SQLException {
    try (DuckDBAppender a = connection.createAppender("bench", "main", "accounts")) {
      for (int i = 0; i < data.accounts(); i++) {
        a.beginRow().append(i).append(Dataset.INDUSTRIES[data.accountIndustry[i]])
            .append((double) data.accountEmployees[i]).endRow();
      }
    }
    try (DuckDBAppender a = connection.createAppender("bench", "main", "contacts")) {
      for (int c = 0; c < data.contacts; c++) {
        a.beginRow().append(c);
        if (data.country[c] >= 0) {
          a.append(Dataset.COUNTRIES[data.country[c]]);
        } else {
          a.appendNull();
        }
        if (data.companySize[c] != Dataset.UNSET) {
          a.append((double) data.companySize[c]);
        } else {
          a.appendNull();
        }
        a.appendEpochDays(data.signupDay[c]).append((double) data.lifetimeValue[c]);
        if (data.renewalDay[c] != Dataset.UNSET) {
          a.appendEpochDays(data.renewalDay[c]);
        } else {
          a.appendNull();
        }
        a.append((double) data.lat[c]).append((double) data.lon[c]);
        if (data.account[c] >= 0) {
          a.append(data.account[c]);
        } else {
          a.appendNull();
        }
        a.endRow();
      }
    }
    try (DuckDBAppender a = connection.createAppender("bench", "main", "contact_tags")) {
      for (int c = 0; c < data.contacts; c++) {
        for (int i = data.tagOffsets[c]; i < data.tagOffsets[c + 1]; i++) {
          a.beginRow().append(c).append(Dataset.TAGS[data.tagIds[i] & 0xFF]).endRow();
        }
      }
    }
    try (DuckDBAppender a = connection.createAppender("bench", "main", "contact_lists")) {
      for (int c = 0; c < data.contacts; c++) {
        for (int l = 0; l < Dataset.LISTS.length; l++) {
          byte s = data.listStatus[l][c];
          if (s != 0) {
            a.beginRow().append(c).append(Dataset.LISTS[l]).append(Dataset.STATUSES[s - 1])
                .endRow();
          }
        }
      }
    }
    try (DuckDBAppender a = connection.createAppender("bench", "main", "deals")) {
      for (int c = 0; c < data.contacts; c++) {
        for (int d = data.dealOffsets[c]; d < data.dealOffsets[c + 1]; d++) {
          a.beginRow().append(d).append(c).append(Dataset.STAGES[data.dealStage[d]])
              .append(Dataset.PIPELINES[data.dealPipeline[d]]).append((double) data.dealValue[d])
              .append(Dataset.OWNERS[data.dealOwner[d]]).endRow();
        }
      }
    }
    Dataset.EventOrder byDay = data.eventsByDay();
    int[] order = byDay.order();
    int[] contactOf = byDay.contactOf();
    try (DuckDBAppender a = connection.createAppender("bench", "main", "events")) {
      for (int i = 0; i < order.length; i++) {
        int e = order[i];
        byte type = data.eventType[e];
        short v = data.eventProp[e];
        a.beginRow().append(contactOf[i]).append(Dataset.EVENT_TYPES[type])
            .appendEpochMicros(data.eventSecond[e] * 1_000_000L);
        appendOrNull(a, type == Dataset.EMAIL_CLICK ? Dataset.CAMPAIGNS[v] : null);
        appendOrNull(a, type == Dataset.PAGE_VISIT ? Dataset.URLS[v] : null);
        appendOrNull(a, type == Dataset.WEBINAR_ATTENDED ? Dataset.TOPICS[v] : null);
        if (type == Dataset.PURCHASE) {
          a.append((double) v);
        } else {
          a.appendNull();
        }
        a.endRow();
      }
    }
  }

  private static void appendOrNull(DuckDBAppender a, String value) throws SQLException {
    if (value == null) {
      a.appendNull();
    } else {
      a.append(value);
    }
  }

  /** The hand-written query of a workload. */
  static String sql(Workload workload) {
    String now = timestamp(Dataset.NOW);
    return switch (workload) {
      case W1_ONBOARDING, W3_REENGAGEMENT, W5_COMPOSITE ->
          "SELECT count(*) FROM (" + members(workload) + ")";
      case W2_NURTURE -> """
          SELECT count(*) FROM contacts c
          WHERE c.id IN (SELECT contact_id FROM contact_tags WHERE tag = 'interest-crm')
            AND c.id NOT IN (SELECT contact_id FROM contact_tags WHERE tag = 'status-customer')
            AND c.id IN (SELECT contact_id FROM events
                         WHERE type = 'email_click' AND starts_with(campaign, 'crm')
                           AND ts > %s AND ts <= %s)"""
          .formatted(since(Workload.FOURTEEN_DAYS), now);
      case W4_ABANDONED_CART -> """
          SELECT count(*) FROM (
            SELECT contact_id FROM events
            WHERE type IN ('checkout_started', 'purchase') AND ts > %s AND ts <= %s
            GROUP BY contact_id
            HAVING bool_or(type = 'checkout_started') AND NOT bool_or(type = 'purchase'))"""
          .formatted(since(Workload.ONE_DAY), now);
      case W6_SALES -> """
          SELECT count(*) FROM contacts c JOIN accounts a ON a.id = c.account_id
          WHERE a.industry = 'SaaS'
            AND c.id IN (SELECT contact_id FROM deals
                         WHERE stage = 'Qualified' AND value >= 1000)""";
      case W7_WIDE -> """
          SELECT count(*) FROM (
            SELECT contact_id FROM events
            WHERE type = 'email_open' AND ts > %s AND ts <= %s
            GROUP BY contact_id HAVING count(*) >= 3)
          WHERE contact_id IN (SELECT contact_id FROM contact_tags WHERE tag IN (%s))"""
          .formatted(since(Workload.YEAR), now, quoted(Workload.W7_TAGS));
      case W8_NURTURE_20 -> """
          SELECT count(*) FROM contacts c
          WHERE c.country IN (%s) AND c.company_size BETWEEN %s AND %s
            AND c.signup_date > %s AND c.signup_date <= %s
            AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag IN (%s))
            AND c.id IN (SELECT contact_id FROM contact_lists
                         WHERE list = 'newsletter' AND status = 'subscribed')
            AND (c.id IN (SELECT contact_id FROM contact_tags WHERE tag IN (%s))
                 OR c.id IN (SELECT contact_id FROM events
                             WHERE type = 'email_click' AND starts_with(campaign, '%s')
                               AND ts > %s AND ts <= %s)
                 OR c.id IN (SELECT contact_id FROM events
                             WHERE type = 'page_visit' AND contains(url, '%s')
                               AND ts > %s AND ts <= %s
                             GROUP BY contact_id HAVING count(*) >= %d))
            AND c.id NOT IN (SELECT contact_id FROM contact_tags WHERE tag IN (%s)
                             UNION ALL
                             SELECT contact_id FROM events
                             WHERE type = 'purchase' AND ts > %s AND ts <= %s
                             UNION ALL
                             SELECT contact_id FROM contact_lists
                             WHERE (list = 'product-updates' AND status = 'unsubscribed')
                                OR (list = 'webinars' AND status = 'bounced'))"""
          .formatted(quoted(Workload.W8_COUNTRIES), number(Workload.W8_MIN_SIZE),
              number(Workload.W8_MAX_SIZE), date(Dataset.TODAY - Workload.W8_SIGNUP_DAYS),
              date(Dataset.TODAY), quoted(Workload.W8_INTERESTS), quoted(Workload.W8_WARM_TAGS),
              Workload.W8_CAMPAIGN_PREFIX, since(Workload.THIRTY_DAYS), now,
              Workload.W8_URL_PART, since(Workload.FOURTEEN_DAYS), now, Workload.W8_VISITS,
              quoted(Workload.W8_EXCLUDED_TAGS), since(Workload.NINETY_DAYS), now);
      case W9_SAVED_SEGMENTS -> """
          WITH %s AS (%s),
            %s AS (%s),
            %s AS (%s)
          SELECT count(*) FROM %1$s
          WHERE id IN (SELECT id FROM %3$s) OR id NOT IN (SELECT id FROM %5$s)"""
          .formatted(Workload.W9_COMPOSITE, members(Workload.W5_COMPOSITE),
              Workload.W9_ONBOARDING, members(Workload.W1_ONBOARDING),
              Workload.W9_REENGAGEMENT, members(Workload.W3_REENGAGEMENT));
    };
  }

  /**
   * The ids (column {@code id}) of the contacts in a workload that W9 saves as a segment: W1, W3
   * or W5.
   */
  private static String members(Workload workload) {
    String now = timestamp(Dataset.NOW);
    return switch (workload) {
      case W1_ONBOARDING -> """
          SELECT c.id FROM contacts c
          WHERE c.signup_date > %s AND c.signup_date <= %s
            AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag = 'source-webinar')"""
          .formatted(date(Dataset.TODAY - Workload.SIGNUP_DAYS), date(Dataset.TODAY));
      case W3_REENGAGEMENT -> """
          SELECT l.contact_id AS id FROM contact_lists l
          WHERE l.list = 'newsletter' AND l.status = 'subscribed'
            AND l.contact_id NOT IN (SELECT contact_id FROM events
                                     WHERE type IN ('email_open', 'email_click')
                                       AND ts > %s AND ts <= %s)"""
          .formatted(since(Workload.NINETY_DAYS), now);
      case W5_COMPOSITE -> """
          SELECT c.id FROM contacts c
          WHERE c.country = 'US' AND c.company_size >= 50
            AND c.id IN (SELECT contact_id FROM contact_tags WHERE tag = '%s')
            AND c.id IN (SELECT contact_id FROM events
                         WHERE type = 'email_click' AND ts > %s AND ts <= %s)
          UNION
          SELECT contact_id FROM contact_tags
          WHERE tag = '%s'
            AND contact_id NOT IN (SELECT contact_id FROM contact_tags WHERE tag = '%s')"""
          .formatted(Workload.TAG_A, since(Workload.FOURTEEN_DAYS), now, Workload.TAG_B,
              Workload.TAG_C);
      default -> throw new IllegalArgumentException("no saved segment of " + workload.label());
    };
  }

  /** Strings as a list of SQL literals: {@code 'a', 'b'}. */
  private static String quoted(List<String> values) {
    return values.stream().map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).toPlainString();
  }

  private static String since(Duration window) {
    return timestamp(Workload.windowStart(window));
  }

  private static String timestamp(Instant at) {
    return "TIMESTAMP '" + LocalDateTime.ofInstant(at, ZoneOffset.UTC).format(TIMESTAMP) + "'";
  }

  private static String date(int epochDay) {
    return "DATE '" + LocalDate.ofEpochDay(epochDay) + "'";
  }

  /** The memory DuckDB's buffer manager holds, in bytes (from {@code duckdb_memory()}). */
  public long memoryBytes() {
    try (Statement s = counts.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** DuckDB's version, as the database reports it. */
  public String version() {
    try {
      return counts.connection().getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The connection, for ad-hoc queries. */
  public Connection connection() {
    return counts.connection();
  }

  @Override
  public String name() {
    return "DuckDB";
  }

  @Override
  public long count(Workload workload) {
    return counts.count(workload);
  }

  @Override
  public void close() {
    counts.close();
  }
}
