/**
 * French names, streets and wordings for the demo seed. Invented combinations: any resemblance to a real
 * person or business is a coincidence. Lists are sized so that names rarely repeat on ~4 000 people.
 */

/** Women's first names of people born 1925–1955 (beneficiaries). */
export const SENIOR_FEMALE_FIRST_NAMES = [
  'Jeannine', 'Monique', 'Colette', 'Simone', 'Odette', 'Paulette', 'Josette', 'Huguette', 'Yvette', 'Marcelle',
  'Germaine', 'Denise', 'Micheline', 'Françoise', 'Jacqueline', 'Madeleine', 'Suzanne', 'Raymonde', 'Ginette',
  'Lucienne', 'Andrée', 'Gisèle', 'Christiane', 'Nicole', 'Annie', 'Danielle', 'Marie-Thérèse', 'Bernadette',
  'Thérèse', 'Yvonne', 'Georgette', 'Renée', 'Arlette', 'Solange', 'Marguerite', 'Lucette', 'Janine', 'Éliane',
  'Geneviève', 'Claudine', 'Mauricette', 'Marie-Louise', 'Fernande', 'Henriette', 'Jeanne', 'Marie', 'Anne-Marie',
  'Rolande', 'Michèle', 'Évelyne', 'Fatima', 'Rosa', 'Maria', 'Zohra',
] as const;

/** Men's first names of people born 1925–1955 (beneficiaries). */
export const SENIOR_MALE_FIRST_NAMES = [
  'Jean', 'Pierre', 'Michel', 'André', 'Marcel', 'Roger', 'Robert', 'René', 'Bernard', 'Claude', 'Jacques', 'Gérard',
  'Maurice', 'Raymond', 'Henri', 'Lucien', 'Georges', 'Louis', 'Guy', 'Jean-Claude', 'Daniel', 'Serge', 'Roland',
  'Gilbert', 'Yves', 'Alain', 'Paul', 'Émile', 'Fernand', 'Jean-Pierre', 'Gaston', 'Albert', 'Joseph',
  'Francis', 'Christian', 'Jean-Louis', 'Ahmed', 'Manuel', 'Antonio', 'Hubert', 'Norbert',
] as const;

/** Women's first names of people born 1960–2002 (workers, adults). */
export const ADULT_FEMALE_FIRST_NAMES = [
  'Nathalie', 'Isabelle', 'Sandrine', 'Stéphanie', 'Céline', 'Aurélie', 'Émilie', 'Julie', 'Sophie', 'Valérie',
  'Karine', 'Virginie', 'Laetitia', 'Séverine', 'Audrey', 'Élodie', 'Caroline', 'Marie', 'Camille', 'Laura', 'Sarah',
  'Manon', 'Léa', 'Chloé', 'Mélanie', 'Christelle', 'Fatima', 'Nadia', 'Samira', 'Karima', 'Aïcha', 'Malika',
  'Leïla', 'Yasmina', 'Fatoumata', 'Aminata', 'Mariama', 'Ana', 'Maria', 'Sylvie', 'Patricia', 'Corinne',
  'Véronique', 'Martine', 'Brigitte', 'Catherine', 'Florence', 'Laurence', 'Delphine', 'Agnès', 'Hélène', 'Anne',
  'Claire', 'Pauline', 'Morgane', 'Océane', 'Justine', 'Marine', 'Jessica', 'Vanessa', 'Cindy', 'Noémie', 'Inès',
  'Yasmine', 'Sabrina', 'Nora', 'Djamila', 'Sonia', 'Magali', 'Gaëlle', 'Amandine', 'Charlotte', 'Lucie', 'Anaïs',
  'Coralie', 'Élise', 'Mathilde', 'Estelle', 'Murielle', 'Pascale', 'Dominique', 'Chantal', 'Fabienne', 'Josiane',
  'Kadiatou', 'Awa', 'Khadija', 'Naïma', 'Linda', 'Carole', 'Angélique', 'Myriam', 'Ophélie', 'Margaux', 'Clémence',
] as const;

/** Men's first names of people born 1960–2002 (workers, adults). */
export const ADULT_MALE_FIRST_NAMES = [
  'Thomas', 'Nicolas', 'Julien', 'Sébastien', 'Alexandre', 'Maxime', 'Romain', 'Guillaume', 'Kévin', 'Mathieu',
  'Antoine', 'Jérôme', 'Frédéric', 'David', 'Christophe', 'Stéphane', 'Laurent', 'Olivier', 'Cédric', 'Vincent',
  'Mickaël', 'Anthony', 'Damien', 'Fabrice', 'Karim', 'Mehdi', 'Youssef', 'Mamadou', 'Moussa', 'Rachid', 'Samir',
  'Bruno', 'Pascal', 'Éric', 'Philippe', 'Hugo', 'Lucas', 'Théo', 'Clément', 'Quentin', 'Benoît', 'Arnaud',
  'Yannick', 'Franck', 'Thierry', 'Patrick', 'Hervé', 'Didier', 'Ludovic', 'Florian', 'Adrien', 'Jonathan', 'Bilal',
  'Sofiane', 'Issa', 'Ibrahim', 'João', 'Rui', 'Loïc', 'Gaëtan', 'Sylvain', 'Xavier',
] as const;

/** First names of children born 2009–2025. */
export const CHILD_FIRST_NAMES = [
  'Louise', 'Jade', 'Emma', 'Alice', 'Lina', 'Rose', 'Chloé', 'Mia', 'Léa', 'Ambre', 'Anna', 'Inès', 'Juliette', 'Lou',
  'Zoé', 'Agathe', 'Nina', 'Léonie', 'Iris', 'Romane', 'Gabriel', 'Léo', 'Raphaël', 'Louis', 'Arthur', 'Jules', 'Adam',
  'Maël', 'Lucas', 'Hugo', 'Noah', 'Sacha', 'Gabin', 'Nathan', 'Tom', 'Timéo', 'Ethan', 'Paul', 'Aaron', 'Mohamed',
  'Isaac', 'Liam', 'Nolan', 'Camille', 'Eden', 'Ayden', 'Maxence', 'Mathis', 'Lila', 'Victoire',
] as const;

/** Family names: the most frequent in France and in the Loiret, with the diversity of today's France. */
export const LAST_NAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon',
  'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont',
  'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin',
  'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin',
  'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire',
  'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet',
  'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin',
  'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier',
  'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Rolland', 'Guillaume', 'Lecomte', 'Lopez', 'Dupuy',
  'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez', 'Dupuis', 'Moulin', 'Deschamps', 'Huet', 'Vasseur', 'Perez',
  'Boucher', 'Fleury', 'Royer', 'Klein', 'Jacquet', 'Adam', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles',
  'Renault', 'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider', 'Fernandez',
  'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot', 'Cousin', 'Germain', 'Breton',
  'Besson', 'Langlois', 'Rémy', 'Pelletier', 'Lévêque', 'Perrier', 'Leblanc', 'Barré', 'Lebrun', 'Marchal', 'Weber',
  'Mallet', 'Hamon', 'Boulanger', 'Jacob', 'Monnier', 'Michaud', 'Rodriguez', 'Guichard', 'Gillet', 'Étienne',
  'Poulain', 'Tessier', 'Chevallier', 'Collin', 'Chauvin', 'Da Silva', 'Bouchet', 'Lemaître', 'Maréchal', 'Humbert',
  'Reynaud', 'Antoine', 'Perret', 'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay',
  'Pasquier', 'Carlier', 'Laporte', 'Chartier', 'Beaufils', 'Hardouin', 'Foucher', 'Couturier', 'Tissier', 'Pinault',
  'Benali', 'Haddad', 'Mansouri', 'Diallo', 'Traoré', 'Diop', 'Ferreira', 'Pereira', 'Dos Santos', 'Rodrigues',
  'Nguyen', 'Tran', 'Belkacem', 'Bouzid', 'Koné', 'Cissé', 'Yilmaz', 'Kaya', 'Meziane', 'Cherif', 'Amrani', 'Sow',
] as const;

/** Street names that go with « rue », « avenue », « boulevard » or « place » (people, events). */
export const STREET_NAMES_PEOPLE = [
  'Victor Hugo', 'Jean Jaurès', 'Jules Ferry', 'Pasteur', 'Gambetta', 'du Général de Gaulle', 'Jean Moulin',
  'Émile Zola', 'Voltaire', 'Anatole France', 'Pierre et Marie Curie', 'Jeanne d’Arc', 'Charles Péguy',
  'Maurice Genevoix', 'Paul Bert', 'du 8 Mai 1945', 'du 11 Novembre', 'de Verdun', 'de la République',
  'de la Libération', 'Jean Zay', 'Saint-Exupéry', 'Albert Camus', 'Georges Brassens', 'Jacques Prévert',
  'Louis Aragon', 'Honoré de Balzac', 'George Sand', 'Aristide Briand', 'Roger Salengro', 'Danton',
] as const;

/** Street names that go with « rue », « allée », « impasse », « chemin » or « square » (places, nature). */
export const STREET_NAMES_PLACES = [
  'des Lilas', 'des Tilleuls', 'des Acacias', 'des Roses', 'du Moulin', 'de la Mairie', 'de l’Église', 'de la Gare',
  'des Écoles', 'du Stade', 'de la Paix', 'des Peupliers', 'des Chênes', 'des Bleuets', 'des Coquelicots',
  'des Vignes', 'des Vergers', 'du Château', 'de la Source', 'des Prés', 'du Bourg', 'de la Fontaine', 'des Jardins',
  'du Parc', 'de la Croix', 'des Rosiers', 'des Hirondelles', 'des Alouettes', 'des Mésanges', 'de Bel Air',
  'Saint-Martin', 'de la Loire', 'des Mariniers', 'du Val', 'de la Levée', 'des Sablons', 'des Genêts',
  'des Noisetiers', 'de la Poste', 'des Aubépines', 'des Glycines', 'des Primevères', 'des Marronniers', 'des Érables',
  'des Cerisiers', 'du Clos', 'des Charmes', 'de Sologne', 'de Beauce', 'de la Forêt', 'des Bruyères', 'des Pâtures',
  'du Lavoir', 'des Groues', 'des Closiers', 'de la Motte', 'des Ormes', 'du Pressoir', 'des Quatre Vents',
] as const;

/** Access notes shown to the worker on the day (beneficiaries.access_details). */
export const ACCESS_DETAILS = [
  'Digicode {code}, {floor}.',
  'Boîte à clés à gauche de la porte, code {code}.',
  'Sonner deux fois, la porte est ouverte en journée.',
  'Clé chez la voisine du rez-de-chaussée, Mme {neighbour}.',
  'Portail vert, chien gentil dans le jardin.',
  'Interphone au nom de {name}, {floor}.',
  'Entrer par le garage, code du portail {code}.',
  'Boîte à clés sur le compteur d’eau, code {code}.',
] as const;

/** Care notes (beneficiaries.notes); no diagnosis beyond what a worker needs to know. */
export const SENIOR_NOTES = [
  'Vit seule ; sa fille habite Paris et appelle chaque soir.',
  'Vit seul ; son fils passe le week-end.',
  'Diabète : veiller à l’heure des repas.',
  'Marche avec un déambulateur ; attention aux tapis.',
  'Malentendante : parler face à elle, lentement.',
  'Aime parler de son ancien métier d’institutrice.',
  'Chat à la maison : bien refermer la porte.',
  'Troubles de la mémoire : noter chaque passage dans le cahier de liaison.',
  'Portage de repas le midi par la mairie.',
  'Infirmière à domicile le matin pour les médicaments.',
  'Aidant principal : son époux, 86 ans.',
  'Préfère être appelée Madame.',
] as const;

/** Weekday keys of opening hours (organisations.opening_hours), Monday first. */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
