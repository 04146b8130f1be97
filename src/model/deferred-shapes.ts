/**
 * An API provider's type shapes, computed on first read. Only the Python target reads the
 * shapes of schemas (the TypeScript one reads every keyword of the schemas themselves), so
 * a TypeScript-only run never computes them. They are computed all at once, in the order
 * they were defined, because a provider's shapes share one node budget
 * (`ShapeContext.budget`): which target reads first, or which shape, must not change them.
 *
 * Kept small because a large spec defines one per parameter and result (Graph beta: 77,000):
 * each deferred property is an accessor shared by every object of the kind, its shape (until
 * computed: the `DeferredShapes`) sits in a hidden slot of the object, and what a shape is
 * computed from is read off the object itself (`SHAPE_OF`). A getter and a closure per
 * object cost 30 MiB there (a hidden class per object).
 */
import { schemaShape, type ShapeContext } from './schema-shape.js';
import type { NamedShape, ParameterModel, ResultBody, ToolResults, TypeShape } from './tool-model.js';

const NEVER: TypeShape = { kind: 'never' };

/** What a deferred shape is computed from: a parameter's schema, a named schema, a result's bodies. */
export type DeferredKind = 'parameter' | 'type' | 'body' | 'json';

/** The union of the shapes of some result bodies (one body: its shape). */
function bodiesShape(bodies: readonly ResultBody[], ctx: ShapeContext): TypeShape {
  const members = bodies.map((b) => schemaShape(b.schema.value, ctx));
  return members.length === 1 ? members[0]! : { kind: 'union', members };
}

/** How each kind's shape is computed, from the object that holds it. */
const SHAPE_OF: { [K in DeferredKind]: (target: never, ctx: ShapeContext) => TypeShape } = {
  // Read even when refused: every schema spends the provider's one budget, in order.
  parameter: (p: ParameterModel, ctx) => {
    const shape = schemaShape(p.schema!.value, ctx);
    return p.encoding === 'refuse' ? NEVER : shape;
  },
  type: (t: NamedShape, ctx) => schemaShape(t.source!.value, { ...ctx, document: t.source!.document }),
  body: (r: ToolResults, ctx) => bodiesShape(r.bodies.body, ctx),
  json: (r: ToolResults, ctx) => (r.sameBodies ? r.body : bodiesShape(r.bodies.json, ctx)),
};

/** The property each kind's shape is read as. */
const KEY = { parameter: 'type', type: 'type', body: 'body', json: 'json' } as const satisfies Record<DeferredKind, string>;
type KeyOf<K extends DeferredKind> = (typeof KEY)[K];

type Slots = Record<symbol, TypeShape | DeferredShapes>;

/** One hidden slot and one accessor per property name, shared by every object. */
const ACCESSORS = Object.fromEntries(
  [...new Set(Object.values(KEY))].map((key) => {
    const slot = Symbol(key);
    function get(this: Slots): TypeShape {
      const held = this[slot]!;
      if (!(held instanceof DeferredShapes)) return held;
      held.computeAll();
      return this[slot] as TypeShape;
    }
    return [key, { slot, get }];
  }),
) as Record<string, { slot: symbol; get: () => TypeShape }>;

/** The deferred shapes of one API provider, all read in one context (its one node budget). */
export class DeferredShapes {
  private readonly targets: object[] = [];
  private readonly kinds: DeferredKind[] = [];
  private readonly steps: Array<() => void> = [];
  private computed = false;

  constructor(private readonly ctx: ShapeContext) {}

  /**
   * Defines the shape property of `kind` on `target` (computed from `target` on first read);
   * returns `target`, typed with it. The shape is written into `target` when computed: it must
   * not be frozen before then.
   */
  define<T extends object, K extends DeferredKind>(target: T, kind: K): T & Record<KeyOf<K>, TypeShape> {
    const { slot, get } = ACCESSORS[KEY[kind]]!;
    Object.defineProperty(target, slot, { value: this, writable: true, enumerable: false, configurable: true });
    this.targets.push(target);
    this.kinds.push(kind);
    return Object.defineProperty(target, KEY[kind], { enumerable: true, configurable: true, get }) as T & Record<KeyOf<K>, TypeShape>;
  }

  /** Runs `step` once every shape is computed (before any is read). */
  finally(step: () => void): void {
    this.steps.push(step);
  }

  /** Computes every pending shape, in definition order, once. */
  computeAll(): void {
    if (this.computed) return;
    this.computed = true;
    this.targets.forEach((target, i) => {
      const kind = this.kinds[i]!;
      (target as Slots)[ACCESSORS[KEY[kind]]!.slot] = SHAPE_OF[kind](target as never, this.ctx);
    });
    for (const step of this.steps) step();
    this.targets.length = 0;
    this.kinds.length = 0;
    this.steps.length = 0;
  }
}
