package org.segmentdsl.reference;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.Event;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.ListStatus;

/** One mutation of a batch, applied the same way to an index batch and to the reference model. */
sealed interface Mutation {
  void apply(IndexBatch b);

  void apply(ReferenceModel.Batch b);

  /** Thrown by {@link Abort}: a batch callback that fails for a reason of its own. */
  final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("batch aborted by the caller");
    }
  }

  /** What happened to a batch. */
  enum Outcome {
    COMMITTED,
    REFUSED,
    ABORTED
  }

  /** What happened to a batch, and why (the exception's message). */
  record Result(Outcome outcome, String why) {}

  /**
   * Applies a batch to the index; any exception other than the expected ones (a refused contact,
   * deal or account, or an abort) propagates.
   */
  static Result applyTo(ContactIndex index, List<Mutation> batch) {
    try {
      index.update(b -> batch.forEach(m -> m.apply(b)));
      return new Result(Outcome.COMMITTED, "");
    } catch (org.segmentdsl.InvalidContactException | org.segmentdsl.InvalidEntityException e) {
      return new Result(Outcome.REFUSED, e.getMessage());
    } catch (Aborted e) {
      return new Result(Outcome.ABORTED, e.getMessage());
    }
  }

  /** Records one event with {@link ContactIndex#record} (a batch of one). */
  static Result recordTo(ContactIndex index, Record r) {
    try {
      index.record(r.event());
      return new Result(Outcome.COMMITTED, "");
    } catch (org.segmentdsl.InvalidContactException e) {
      return new Result(Outcome.REFUSED, e.getMessage());
    }
  }

  /** Applies a batch to the model (committing it only if every mutation was accepted). */
  static Result applyTo(ReferenceModel model, List<Mutation> batch) {
    ReferenceModel.Batch b = model.begin();
    try {
      batch.forEach(m -> m.apply(b));
    } catch (ReferenceModel.Refused e) {
      return new Result(Outcome.REFUSED, e.getMessage());
    } catch (Aborted e) {
      return new Result(Outcome.ABORTED, e.getMessage());
    }
    b.commit();
    return new Result(Outcome.COMMITTED, "");
  }

  record Upsert(Contact contact) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.upsert(contact);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.upsert(contact);
    }
  }

  record Remove(String id) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.remove(id);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.remove(id);
    }
  }

  record AddTag(String id, String tag) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.addTag(id, tag);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.addTag(id, tag);
    }
  }

  record RemoveTag(String id, String tag) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.removeTag(id, tag);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.removeTag(id, tag);
    }
  }

  record SetField(String id, String field, Object value) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.setField(id, field, value);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.setField(id, field, value);
    }

    @Override
    public String toString() {
      return "SetField[id=" + id + ", field=" + field + ", value=" + value
          + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")") + "]";
    }
  }

  record ClearField(String id, String field) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.clearField(id, field);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.clearField(id, field);
    }
  }

  record SetListStatus(String id, String list, ListStatus status) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.setListStatus(id, list, status);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.setListStatus(id, list, status);
    }
  }

  record LeaveList(String id, String list) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.leaveList(id, list);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.leaveList(id, list);
    }
  }

  /**
   * Records an event given as raw parts: the index gets an {@link Event} built from them inside the
   * batch (so a bad part refuses the batch), the model normalizes them on its own.
   */
  record Record(String contactId, String type, Instant at, Map<String, Object> props)
      implements Mutation {
    public Record {
      props = Collections.unmodifiableMap(new LinkedHashMap<>(props)); // may hold a null
    }

    /** The event the index gets. */
    Event event() {
      return Event.of(contactId, type, at, props);
    }

    @Override
    public void apply(IndexBatch b) {
      b.record(event());
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.record(contactId, type, at, props);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("Record[").append(contactId).append(", ").append(type)
          .append(", ").append(at).append(", {");
      String sep = "";
      for (Map.Entry<String, Object> e : props.entrySet()) {
        Object v = e.getValue();
        sb.append(sep).append(e.getKey()).append('=')
            .append(v instanceof String s ? '"' + s + '"' : String.valueOf(v))
            .append(v == null || v instanceof String ? "" : " (" + v.getClass().getSimpleName()
                + ")");
        sep = ", ";
      }
      return sb.append("}]").toString();
    }
  }

  /** Links an existing contact to an account ({@code null}: no account). */
  record SetAccount(String id, String accountId) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.setAccount(id, accountId);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.setAccount(id, accountId);
    }
  }

  /**
   * Upserts an account given as raw parts: the index gets an {@link Account} built from them
   * inside the batch (so a bad part refuses the batch), the model checks them on its own.
   */
  record UpsertAccount(String id, Map<String, Object> fields) implements Mutation {
    public UpsertAccount {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // may hold a null
    }

    @Override
    public void apply(IndexBatch b) {
      b.upsertAccount(new Account(id, fields));
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.upsertAccount(id, fields);
    }

    @Override
    public String toString() {
      return "UpsertAccount[" + id + ", " + describe(fields) + "]";
    }
  }

  record RemoveAccount(String id) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.removeAccount(id);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.removeAccount(id);
    }
  }

  /**
   * Upserts a deal given as raw parts: the index gets a {@link Deal} built from them inside the
   * batch (so a bad part refuses the batch), the model checks them on its own.
   */
  record UpsertDeal(String id, String contactId, Map<String, Object> fields) implements Mutation {
    public UpsertDeal {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // may hold a null
    }

    @Override
    public void apply(IndexBatch b) {
      b.upsertDeal(new Deal(id, contactId, fields));
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.upsertDeal(id, contactId, fields);
    }

    @Override
    public String toString() {
      return "UpsertDeal[" + id + " of " + contactId + ", " + describe(fields) + "]";
    }
  }

  record RemoveDeal(String id) implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      b.removeDeal(id);
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      b.removeDeal(id);
    }
  }

  /** Field values with their Java types, for failure messages. */
  private static String describe(Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      Object v = e.getValue();
      sb.append(sep).append(e.getKey()).append('=')
          .append(v instanceof String s ? '"' + s + '"' : String.valueOf(v))
          .append(v == null || v instanceof String ? "" : " (" + v.getClass().getSimpleName()
              + ")");
      sep = ", ";
    }
    return sb.append('}').toString();
  }

  record Abort() implements Mutation {
    @Override
    public void apply(IndexBatch b) {
      throw new Aborted();
    }

    @Override
    public void apply(ReferenceModel.Batch b) {
      throw new Aborted();
    }
  }
}
