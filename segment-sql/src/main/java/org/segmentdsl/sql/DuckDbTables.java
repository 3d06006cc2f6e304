package org.segmentdsl.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.eval.SqlCompiler;

/**
 * The table layout ({@code docs/sql.md}) in DuckDB: creates the tables for a schema and fills
 * them from an index snapshot, with DuckDB's appender, so that a compiled segment ({@link
 * SegmentSql}) finds the same data the in-memory engine evaluates: the same contacts in the same
 * order ({@code position}), values as the index normalised them (numbers as doubles, datetimes
 * to the microsecond in UTC), events with their typed properties. Not thread-safe: one
 * connection, one caller.
 */
public final class DuckDbTables {
  private DuckDbTables() {}

  /**
   * Creates the tables of the layout for {@code schema} in the connection's current schema.
   *
   * @param connection a DuckDB connection, not null
   * @param schema the contact, deal and account fields, not null
   * @throws SQLException if DuckDB refuses (a table already exists, say)
   */
  public static void create(Connection connection, Schema schema) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(schema, "schema");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE contacts (id VARCHAR NOT NULL, \"position\" BIGINT NOT NULL, "
          + "account_id VARCHAR" + columns(schema.contactFields(), SqlCompiler.CONTACT_COLUMNS)
          + ")");
      s.execute("CREATE TABLE contact_tags (contact_id VARCHAR NOT NULL, tag VARCHAR NOT NULL)");
      s.execute("CREATE TABLE contact_lists (contact_id VARCHAR NOT NULL, \"list\" VARCHAR NOT "
          + "NULL, \"status\" VARCHAR NOT NULL)");
      s.execute("CREATE TABLE events (event_id BIGINT NOT NULL, contact_id VARCHAR NOT NULL, "
          + "\"type\" VARCHAR NOT NULL, \"at\" TIMESTAMP NOT NULL)");
      s.execute("CREATE TABLE event_props (event_id BIGINT NOT NULL, \"key\" VARCHAR NOT NULL, "
          + "kind VARCHAR NOT NULL, s VARCHAR, n DOUBLE, b BOOLEAN)");
      s.execute("CREATE TABLE deals (id VARCHAR NOT NULL, contact_id VARCHAR NOT NULL"
          + columns(schema.dealFields(), SqlCompiler.DEAL_COLUMNS) + ")");
      s.execute("CREATE TABLE accounts (id VARCHAR NOT NULL"
          + columns(schema.accountFields(), SqlCompiler.ACCOUNT_COLUMNS) + ")");
    }
  }

  private static String columns(Map<String, FieldType> fields, List<String> fixed) {
    StringBuilder sb = new StringBuilder();
    Dialects.DuckDb d = new Dialects.DuckDb();
    Map<String, String> columns = SqlCompiler.columns(fields, fixed);
    fields.forEach((name, type) -> {
      if (type == FieldType.GEO) {
        sb.append(", ").append(d.identifier(columns.get(name + "_lat"))).append(" DOUBLE");
        sb.append(", ").append(d.identifier(columns.get(name + "_lon"))).append(" DOUBLE");
      } else {
        sb.append(", ").append(d.identifier(columns.get(name))).append(' ').append(switch (type) {
          case STRING -> "VARCHAR";
          case NUMBER -> "DOUBLE";
          case DATE -> "DATE";
          case DATETIME -> "TIMESTAMP";
          default -> "BOOLEAN";
        });
      }
    });
    return sb.toString();
  }

  /**
   * Creates the tables for the snapshot's schema and fills them with its contacts (in index
   * order), tags, list statuses, events and their properties, deals and accounts. Beside the
   * layout's columns, each table gets the integer keys of {@link SegmentSql.Keys#POSITIONS}:
   * {@code contact_position} (the contact's {@code position}) in {@code contact_tags}, {@code
   * contact_lists}, {@code events} and {@code deals}; {@code account_position} in {@code
   * contacts}; {@code position} in {@code accounts} (the account's order).
   *
   * @param connection a DuckDB connection, not null
   * @param snapshot the state to load, not null
   * @throws SQLException if DuckDB refuses
   */
  public static void load(Connection connection, IndexSnapshot snapshot) throws SQLException {
    Objects.requireNonNull(snapshot, "snapshot");
    Schema schema = snapshot.schema();
    create(connection, schema);
    try (Statement s = connection.createStatement()) { // the keys, after the layout's columns
      s.execute("ALTER TABLE contacts ADD COLUMN account_position BIGINT");
      for (String table : List.of("contact_tags", "contact_lists", "events", "deals")) {
        s.execute("ALTER TABLE " + table + " ADD COLUMN contact_position BIGINT");
      }
      s.execute("ALTER TABLE accounts ADD COLUMN \"position\" BIGINT");
    }
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    try (DuckDBAppender contacts = duck.createAppender("contacts");
        DuckDBAppender tags = duck.createAppender("contact_tags");
        DuckDBAppender lists = duck.createAppender("contact_lists");
        DuckDBAppender events = duck.createAppender("events");
        DuckDBAppender props = duck.createAppender("event_props");
        DuckDBAppender deals = duck.createAppender("deals");
        DuckDBAppender accounts = duck.createAppender("accounts")) {
      LayoutRows.walk(snapshot, new LayoutRows.Sink<SQLException>() {
        @Override
        public void contact(String id, long position, @Nullable String account,
            @Nullable Long accountPosition, Map<String, Object> values) throws SQLException {
          contacts.beginRow().append(id).append(position);
          text(contacts, account);
          fields(contacts, schema.contactFields(), values);
          if (accountPosition == null) {
            contacts.appendNull();
          } else {
            contacts.append(accountPosition.longValue());
          }
          contacts.endRow();
        }

        @Override
        public void tag(String contactId, String tag, long position) throws SQLException {
          tags.beginRow().append(contactId).append(tag).append(position).endRow();
        }

        @Override
        public void list(String contactId, String list, ListStatus status, long position)
            throws SQLException {
          lists.beginRow().append(contactId).append(list).append(status.jsonName())
              .append(position).endRow();
        }

        @Override
        public void event(long eventId, String contactId, String type, Instant at,
            long position) throws SQLException {
          events.beginRow().append(eventId).append(contactId).append(type)
              .appendEpochMicros(micros(at)).append(position).endRow();
        }

        @Override
        public void property(long eventId, String key, Object value) throws SQLException {
          props.beginRow().append(eventId).append(key);
          if (value instanceof String text) {
            props.append("string").append(text).appendNull().appendNull();
          } else if (value instanceof Boolean b) {
            props.append("boolean").appendNull().appendNull().append(b.booleanValue());
          } else {
            props.append("number").appendNull().append(((Number) value).doubleValue())
                .appendNull();
          }
          props.endRow();
        }

        @Override
        public void deal(String id, String contactId, Map<String, Object> values,
            long position) throws SQLException {
          deals.beginRow().append(id).append(contactId);
          fields(deals, schema.dealFields(), values);
          deals.append(position).endRow();
        }

        @Override
        public void account(String id, long position, Map<String, Object> values)
            throws SQLException {
          accounts.beginRow().append(id);
          fields(accounts, schema.accountFields(), values);
          accounts.append(position).endRow();
        }
      });
    }
    // Sorted by what the queries filter on, so that DuckDB's zone maps skip the rest: the
    // events of one type in a window, the carriers of one tag, the members of one list. Events
    // are numbered in that order too, and their properties sorted by key and event, so that the
    // properties of one type's events in a window are one run of rows that a join's bounds on
    // event_id can find.
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE numbered_events AS SELECT row_number() OVER (ORDER BY \"type\", "
          + "\"at\", event_id) - 1 AS new_id, * FROM events");
      s.execute("DROP TABLE events");
      s.execute("CREATE TABLE sorted_event_props AS SELECT e.new_id AS event_id, p.\"key\", "
          + "p.kind, p.s, p.n, p.b FROM event_props p JOIN numbered_events e "
          + "ON e.event_id = p.event_id ORDER BY p.\"key\", e.new_id");
      s.execute("DROP TABLE event_props");
      s.execute("ALTER TABLE sorted_event_props RENAME TO event_props");
      s.execute("CREATE TABLE events AS SELECT new_id AS event_id, contact_id, \"type\", "
          + "\"at\", contact_position FROM numbered_events ORDER BY new_id");
      s.execute("DROP TABLE numbered_events");
      sort(s, "contact_tags", "tag");
      sort(s, "contact_lists", "\"list\", \"status\"");
    }
  }

  private static void sort(Statement s, String table, String by) throws SQLException {
    s.execute("CREATE TABLE sorted_" + table + " AS SELECT * FROM " + table + " ORDER BY " + by);
    s.execute("DROP TABLE " + table);
    s.execute("ALTER TABLE sorted_" + table + " RENAME TO " + table);
  }

  private static void fields(DuckDBAppender a, Map<String, FieldType> types,
      Map<String, Object> values) throws SQLException {
    for (Map.Entry<String, FieldType> f : types.entrySet()) {
      Object v = values.get(f.getKey());
      if (v == null) {
        a.appendNull();
        if (f.getValue() == FieldType.GEO) {
          a.appendNull();
        }
        continue;
      }
      switch (f.getValue()) {
        case STRING -> a.append((String) v);
        case NUMBER -> a.append(((Number) v).doubleValue());
        case BOOLEAN -> a.append(((Boolean) v).booleanValue());
        case DATE -> a.appendEpochDays((int) ((LocalDate) v).toEpochDay());
        case DATETIME -> a.appendEpochMicros(micros((Instant) v));
        case GEO -> a.append(((GeoPoint) v).lat()).append(((GeoPoint) v).lon());
      }
    }
  }

  private static void text(DuckDBAppender a, @Nullable String value) throws SQLException {
    if (value == null) {
      a.appendNull();
    } else {
      a.append(value);
    }
  }

  private static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  /**
   * Writes the layout's tables as Parquet files, one folder per table ({@code
   * dir/contacts/contacts.parquet}, ...), for Spark, DuckDB or a warehouse. Timestamps are
   * written as instants (Parquet's {@code isAdjustedToUTC}), which Spark reads as its {@code
   * TIMESTAMP}.
   *
   * @param connection a connection holding the tables ({@link #load}), not null
   * @param dir the folder to write into (created if missing), not null
   * @throws SQLException if DuckDB refuses
   * @throws java.io.IOException if a folder cannot be created
   */
  public static void exportParquet(Connection connection, java.nio.file.Path dir)
      throws SQLException, java.io.IOException {
    Objects.requireNonNull(connection, "connection");
    Dialects.DuckDb d = new Dialects.DuckDb();
    try (Statement s = connection.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      for (String table : SegmentSql.TABLES) {
        java.nio.file.Path folder = dir.resolve(table);
        java.nio.file.Files.createDirectories(folder);
        List<String> select = new ArrayList<>();
        try (var rs = s.executeQuery("SELECT column_name, data_type FROM "
            + "information_schema.columns WHERE table_name = " + d.string(table)
            + " ORDER BY ordinal_position")) {
          while (rs.next()) {
            String column = d.identifier(rs.getString(1));
            select.add(rs.getString(2).equals("TIMESTAMP")
                ? "CAST(" + column + " AS TIMESTAMPTZ) AS " + column : column);
          }
        }
        s.execute("COPY (SELECT " + String.join(", ", select) + " FROM " + table + ") TO "
            + d.string(folder.resolve(table + ".parquet").toAbsolutePath().toString())
            + " (FORMAT PARQUET)");
      }
    }
  }

  /**
   * The ids of the contacts matching a compiled query, in its order.
   *
   * @param connection the connection whose tables the query reads, not null
   * @param sql a query from {@link SegmentSql#compile} for {@link SqlEngine#DUCKDB}, not null
   * @return the ids
   * @throws SQLException if DuckDB refuses the query
   */
  public static List<String> ids(Connection connection, String sql) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement s = connection.createStatement();
        var rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * The number a count query returns.
   *
   * @param connection the connection whose tables the query reads, not null
   * @param sql a query from {@link SegmentSql#compileCount} for {@link SqlEngine#DUCKDB}, not null
   * @return the count
   * @throws SQLException if DuckDB refuses the query
   */
  public static long count(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
