package org.segmentdsl.json;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.SegmentDslException;
import org.segmentdsl.json.DataJson.Bad;

/**
 * One non-blank line of a change stream, as {@link ChangeStream#next()} reads it: changes to
 * apply as one step, an advance of time, or a line that was rejected.
 *
 * <pre>{@code
 * for (ChangeLine line = stream.next(); line != null; line = stream.next()) {
 *   if (line instanceof ChangeLine.Changes c) {
 *     index.update(c::applyTo);
 *   } else if (line instanceof ChangeLine.Tick t) {
 *     live.advanceTo(t.now());
 *   } else if (line instanceof ChangeLine.Rejected r) {
 *     System.err.println("error: " + r.located());
 *   }
 * }
 * }</pre>
 */
public sealed interface ChangeLine {
  /** {@return the stream's name, as given to {@link ChangeStream} (a path, {@code -})} */
  String source();

  /** {@return the 1-based line number in the stream (blank lines count)} */
  int line();

  /** {@return {@code SOURCE:LINE}, how messages name the line} */
  default String location() {
    return source() + ":" + line();
  }

  /**
   * One change, or a {@code batch} of them (possibly none): all are applied in order in one
   * {@link ContactIndex#update} batch, as one step.
   *
   * @param batch whether the line was a {@code batch} (messages then name the change in it)
   */
  record Changes(String source, int line, List<Change> changes, boolean batch)
      implements ChangeLine {
    /**
     * Copies the changes and checks them.
     *
     * @param source the stream's name, not null
     * @param line the 1-based line number
     * @param changes the changes, in order (copied), none null
     * @param batch whether the line was a {@code batch}
     * @throws IllegalArgumentException if a line that is not a batch holds other than one change
     */
    public Changes {
      Objects.requireNonNull(source, "source");
      changes = List.copyOf(changes);
      if (!batch && changes.size() != 1) {
        throw new IllegalArgumentException("a line that is not a batch holds one change, got "
            + changes.size());
      }
    }

    /**
     * Applies every change in order to {@code batch}.
     *
     * @param batch the batch, inside its {@link ContactIndex#update} call
     * @throws InvalidChangeException if one cannot apply at its point of the batch, named by the
     *     member at fault and the op ({@code /changes/1/id: op "addTag": no such contact "c-9"});
     *     thrown inside {@link ContactIndex#update}, it drops the whole batch
     */
    public void applyTo(IndexBatch batch) {
      for (int i = 0; i < changes.size(); i++) {
        Change change = changes.get(i);
        String at = this.batch ? "/changes/" + i : "";
        Bad missing = ChangeRefusals.missing(change, batch);
        if (missing != null) {
          throw refused(missing.under(at), null);
        }
        try {
          change.applyTo(batch);
        } catch (IllegalArgumentException | SegmentDslException e) { // InvalidContactException, ...
          throw refused(new Bad(at, ChangeRefusals.ofOp(change.op(), e.getMessage())), e);
        }
      }
    }

    private InvalidChangeException refused(Bad bad, RuntimeException cause) {
      return new InvalidChangeException(
          new Rejected(source, line, ChangeRefusals.at(bad.pointer(), bad.getMessage())), cause);
    }
  }

  /** A {@code tick}: time advances to {@code now}. */
  record Tick(String source, int line, Instant now) implements ChangeLine {
    /**
     * Checks that the parts are not null.
     *
     * @param source the stream's name, not null
     * @param line the 1-based line number
     * @param now the instant time advances to, not null
     */
    public Tick {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(now, "now");
    }

    /**
     * This line rejected because time is already at {@code current}, after the tick's {@code
     * now}: {@code /now: op "tick": time cannot go backwards: now is …, the tick is at …}.
     *
     * @param current the instant time is at now
     * @return the rejected line, with this line's source and number
     */
    public Rejected backwardsFrom(Instant current) {
      return new Rejected(source, line, ChangeRefusals.at("/now", ChangeRefusals.ofOp("tick",
          "time cannot go backwards: now is " + current + ", the tick is at " + now)));
    }
  }

  /**
   * A line that cannot be applied: too long, not UTF-8, malformed JSON, or a bad change (the
   * whole line, batch included, is rejected).
   *
   * @param message what is wrong, where in the line (a JSON Pointer) and in which op, without
   *     the location: {@code /changes/2/contact/fields/score: op "upsertContact": field "score"
   *     expects a number, got "12a"}
   */
  record Rejected(String source, int line, String message) implements ChangeLine {
    /**
     * Checks that the parts are not null.
     *
     * @param source the stream's name, not null
     * @param line the 1-based line number
     * @param message what is wrong, not null
     */
    public Rejected {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(message, "message");
    }

    /**
     * {@return {@code SOURCE:LINE: message}, as the command line prints it after {@code error: }}
     */
    public String located() {
      return location() + ": " + message;
    }
  }
}
