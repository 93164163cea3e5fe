/** The geography the demo territory is built on: Orléans Métropole's 22 communes (see ../geo/README.md). */
import orleansMetropole from '../geo/orleans-metropole.json' with { type: 'json' };
import type { Geography } from './geography';

export const demoGeography: Geography = orleansMetropole as unknown as Geography;
