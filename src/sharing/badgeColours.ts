/** The medallion both badge images share: a green rim, a gold ring and a white face. */
export const MEDALLION = {
  size: 600,
  rimRadius: 296,
  ringRadius: 270,
  faceRadius: 262,
  rim: '#14532d',
  ring: '#c9a227',
  face: '#ffffff',
  ink: '#111827',
} as const;
