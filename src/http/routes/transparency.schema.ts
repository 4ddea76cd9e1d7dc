import { Type, type Static } from 'typebox';
import { Obj } from '../schemas';

const Size = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
/** A hash or proof node, base64. */
const B64 = Type.String();

/** A signed checkpoint: tree size, root and the C2SP signed note. */
export const CheckpointSchema = Obj({
  size: Type.Integer(),
  rootHash: Type.String(),
  note: Type.String(),
  createdAt: Type.String(),
});
export type Checkpoint = Static<typeof CheckpointSchema>;
export const CheckpointPageSchema = Obj({
  items: Type.Array(CheckpointSchema),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type CheckpointPage = Static<typeof CheckpointPageSchema>;
export const CheckpointQuerySchema = Obj({
  cursor: Type.Optional(Size),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const InclusionQuerySchema = Obj({ index: Size, size: Size });
/** Entry `index` (from 0) is in the tree of `size` entries. */
export const InclusionProofSchema = Obj({
  index: Type.Integer(),
  size: Type.Integer(),
  leafHash: B64,
  rootHash: B64,
  proof: Type.Array(B64),
});
export type InclusionProof = Static<typeof InclusionProofSchema>;

export const ConsistencyQuerySchema = Obj({ from: Size, to: Size });
/** The tree of `from` entries is a prefix of the tree of `to` entries. */
export const ConsistencyProofSchema = Obj({
  from: Type.Integer(),
  to: Type.Integer(),
  fromRoot: B64,
  toRoot: B64,
  proof: Type.Array(B64),
});
export type ConsistencyProof = Static<typeof ConsistencyProofSchema>;
