import type { SuggestionDto } from './dto/suggestion.dto';
import type { SuggestionRow } from './suggestions.repository';

/** A suggestion with its names and its draft's state, as every answer shows it. */
export function toSuggestionDto(row: SuggestionRow): SuggestionDto {
  const s = row.suggestion;
  return {
    id: s.id,
    url: s.url,
    host: new URL(s.url).hostname,
    note: s.note,
    status: s.status,
    suggestedBy: { id: s.memberId, name: row.suggesterName },
    createdAt: s.createdAt.toISOString(),
    decidedBy: s.decidedById ? { id: s.decidedById, name: row.deciderName ?? '' } : null,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    decisionNote: s.decisionNote,
    packId: s.packId,
    packStatus: row.packStatus,
    points: s.points,
  };
}
