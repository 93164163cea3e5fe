import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors';
import { getSkill, isSkillCode, SKILL_CODES, SKILL_KINDS, SKILLS } from '../../domain/skills';

// The skills catalogue (src/domain/skills.ts) is data the seed depends on: workers and visits carry its codes.
describe('skills catalogue', () => {
  it('lists each code once, in the order of SKILL_CODES, with a French label and a known kind', () => {
    expect(SKILLS.map((s) => s.code)).toEqual([...SKILL_CODES]);
    for (const s of SKILLS) {
      expect(s.label.length).toBeGreaterThan(3);
      expect(SKILL_KINDS).toContain(s.kind);
    }
  });

  it('has the diplomas and the licence the home-care sector asks for', () => {
    expect(getSkill('deaes')).toEqual({
      code: 'deaes',
      label: "DEAES (diplôme d'État d'accompagnant éducatif et social)",
      kind: 'qualification',
    });
    expect(getSkill('advf').kind).toBe('qualification');
    expect(getSkill('permis_b')).toMatchObject({ label: 'Permis B', kind: 'licence' });
    expect(getSkill('aide_toilette').kind).toBe('competence');
  });

  it('rejects unknown codes', () => {
    expect(isSkillCode('menage')).toBe(true);
    expect(isSkillCode('plomberie')).toBe(false);
    expect(() => getSkill('plomberie')).toThrow(DomainError);
  });
});
