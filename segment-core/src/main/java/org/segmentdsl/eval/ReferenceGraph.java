package org.segmentdsl.eval;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.SegmentReference;

/**
 * The saved segments a condition reaches through references, walked once each and without
 * recursion: however long a chain of references, this takes no more stack than a short one.
 *
 * <p>Every walker that follows references (the checker, the rewriter, explain, live segments)
 * takes the segments in {@link #order()}, each after every segment it references, so that it
 * finds what it needs of a referenced segment already done and never descends from one document
 * into another: the stack holds one document's depth at a time.
 *
 * <p>The walk is a depth-first search from the condition (the root) in the order references are
 * written. A reference back to a segment on the current path (the root's own id included) closes
 * a cycle, which is kept as the path walked: {@code a -> b -> c -> a}, named from the segment
 * where the walk from the root entered it. Not thread-safe; made and used by one evaluation.
 */
final class ReferenceGraph {
  /** A segment of the graph: the root or a saved segment it reaches. */
  static final class Node {
    private final String id;
    private final Condition condition;
    /** The ids it references, each once, in the order first written. */
    private final List<String> references;
    /** For each reference that closes a cycle, the cycle: first and last the same id. */
    private final Map<String, List<String>> cycles = new HashMap<>();
    private boolean onPath;
    /** Segments in the longest chain of references that starts here, this one included. */
    private int height;
    /** The referenced segment that the longest chain goes on to, or null. */
    private String next;
    /** Whether a cycle is reached from here (then {@link #height} means nothing). */
    private boolean reachesCycle;
    /** The segment whose document the walk found this one in first; null for the root. */
    private Node foundIn;

    private Node(String id, Condition condition) {
      this.id = id;
      this.condition = condition;
      this.references = referencesIn(condition);
    }

    /** The segment's id; for the root, its id or null. */
    String id() {
      return id;
    }

    /** The segment's condition. */
    Condition condition() {
      return condition;
    }

    /**
     * The segment (or root) whose document the walk first found this one in: where a walk that
     * descends into each segment at its first reference would meet it first.
     */
    Node foundIn() {
      return foundIn;
    }

    /** The cycle that a reference from here to {@code id} closes, or null. */
    List<String> cycleThrough(String id) {
      return cycles.get(id);
    }
  }

  private final Node root;
  private final Map<String, Node> byId = new HashMap<>();
  private final List<Node> order = new ArrayList<>();

  private ReferenceGraph(String rootId, Condition root, SegmentRegistry registry) {
    this.root = new Node(rootId, root);
    if (rootId != null) {
      byId.put(rootId, this.root);
    }
    walk(registry);
  }

  /**
   * The graph of the saved segments in {@code registry} that {@code condition} reaches.
   *
   * @param rootId the id of the segment the condition belongs to (a reference to it is a cycle),
   *     or null
   */
  static ReferenceGraph of(String rootId, Condition condition, SegmentRegistry registry) {
    return new ReferenceGraph(rootId, condition, registry);
  }

  /** The root. */
  Node root() {
    return root;
  }

  /**
   * The saved segments reached, the root excepted, each after every segment it references
   * (except along a cycle).
   */
  List<Node> order() {
    return order;
  }

  /** Whether some reference closes a cycle. */
  boolean hasCycle() {
    return root.reachesCycle;
  }

  /** The node of a reached segment, or null (unknown, or not reached). */
  Node node(String id) {
    return byId.get(id);
  }

  /**
   * Segments in the longest chain of references that starts at {@code id}, that one included; 0
   * for an id the registry does not hold, -1 if a cycle is reached from it.
   */
  int height(String id) {
    Node n = byId.get(id);
    if (n == null) {
      return 0;
    }
    return n.reachesCycle || n.onPath ? -1 : n.height;
  }

  /** The first {@code limit} ids of the longest chain of references that starts at {@code id}. */
  List<String> chainFrom(String id, int limit) {
    List<String> chain = new ArrayList<>();
    for (Node n = byId.get(id); n != null && chain.size() < limit; n = byId.get(n.next)) {
      chain.add(n.id);
      if (n.next == null) {
        break;
      }
    }
    return chain;
  }

  /** A depth-first search with an explicit stack of (node, next reference to follow). */
  private void walk(SegmentRegistry registry) {
    List<Node> path = new ArrayList<>();
    Deque<int[]> nextReference = new ArrayDeque<>();
    path.add(root);
    root.onPath = true;
    nextReference.push(new int[] {0});
    while (!path.isEmpty()) {
      Node at = path.get(path.size() - 1);
      int[] next = nextReference.peek();
      if (next[0] < at.references.size()) {
        String id = at.references.get(next[0]++);
        Node target = byId.get(id);
        if (target == null) {
          Segment saved = registry.get(id).orElse(null);
          if (saved != null) {
            target = new Node(id, saved.condition());
            target.foundIn = at;
            byId.put(id, target);
            target.onPath = true;
            path.add(target);
            nextReference.push(new int[] {0});
          }
        } else if (target.onPath) {
          List<String> cycle = new ArrayList<>();
          for (int i = path.indexOf(target); i < path.size(); i++) {
            cycle.add(path.get(i).id);
          }
          cycle.add(id);
          at.cycles.put(id, List.copyOf(cycle));
          at.reachesCycle = true;
        }
        continue;
      }
      path.remove(path.size() - 1);
      nextReference.pop();
      at.onPath = false;
      finish(at);
      if (at != root) {
        order.add(at);
      }
    }
  }

  /** Height and cycles of a node whose references are all walked. */
  private void finish(Node n) {
    n.height = 1;
    for (String id : n.references) {
      Node target = byId.get(id);
      if (target == null || n.cycles.containsKey(id)) {
        continue;
      }
      n.reachesCycle |= target.reachesCycle;
      if (target.height + 1 > n.height) {
        n.height = target.height + 1;
        n.next = id;
      }
    }
  }

  /**
   * The ids of the segments {@code condition} references directly, each once, in the order first
   * written; found without recursion, so an unchecked tree of any depth is fine here.
   */
  static List<String> referencesIn(Condition condition) {
    Set<String> ids = new LinkedHashSet<>();
    Deque<Condition> todo = new ArrayDeque<>();
    todo.push(condition);
    while (!todo.isEmpty()) {
      Condition c = todo.pop();
      if (c instanceof SegmentReference r) {
        ids.add(r.segmentId());
      } else if (c instanceof All a) {
        pushReversed(a.conditions(), todo);
      } else if (c instanceof Any a) {
        pushReversed(a.conditions(), todo);
      } else if (c instanceof Not n) {
        todo.push(n.condition());
      } else if (c instanceof DealCondition d) {
        todo.push(d.where());
      } else if (c instanceof AccountCondition a) {
        todo.push(a.where());
      }
    }
    return List.copyOf(ids);
  }

  private static void pushReversed(List<Condition> children, Deque<Condition> todo) {
    for (int i = children.size() - 1; i >= 0; i--) {
      todo.push(children.get(i));
    }
  }
}
