package org.segmentdsl;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives a live segment's notifications (see {@link LiveSegments}). Each listener gets, in step
 * order and exactly once, a {@link SegmentChange} for every step that changed the segment's
 * membership; if it falls so far behind that its queue is full, the queued notifications are
 * replaced by one {@link SegmentResync} with the whole membership, and the changes after it follow
 * as usual. Applying every change to the membership at registration, and replacing it by every
 * resync's members, gives the membership of the segment on the index now.
 *
 * <p>Calls come from a delivery thread (one at a time per listener, never two at once), not from
 * the writer, unless the {@link LiveSegments.Builder#executor executor} is a direct one. A listener
 * that throws is reported to the {@linkplain LiveSegments.Builder#errorHandler error handler} and
 * keeps receiving the notifications that follow.
 *
 * <pre>{@code
 * SegmentListener mailer = SegmentListener.of(
 *     change -> change.entered().forEach(id -> welcomeSeries.start(id)),
 *     resync -> welcomeSeries.reconcile(resync.members()));
 * }</pre>
 */
public interface SegmentListener {

  /**
   * Contacts entered or left the segment in one step.
   *
   * @param change the contacts that entered and left, and the step
   */
  void onChange(SegmentChange change);

  /**
   * The listener fell too far behind: the notifications it had not yet received are replaced by
   * the whole membership as of the step this carries. Changes after that step follow.
   *
   * @param resync the whole membership, and the step it is as of
   */
  void onResync(SegmentResync resync);

  /**
   * A listener of two lambdas.
   *
   * @param onChange receives each {@link #onChange} call, not null
   * @param onResync receives each {@link #onResync} call, not null
   * @return the listener
   */
  static SegmentListener of(Consumer<? super SegmentChange> onChange,
      Consumer<? super SegmentResync> onResync) {
    Objects.requireNonNull(onChange, "onChange");
    Objects.requireNonNull(onResync, "onResync");
    return new SegmentListener() {
      @Override
      public void onChange(SegmentChange change) {
        onChange.accept(change);
      }

      @Override
      public void onResync(SegmentResync resync) {
        onResync.accept(resync);
      }
    };
  }
}
