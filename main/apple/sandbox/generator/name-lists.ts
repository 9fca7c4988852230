/** Words the generator builds realistic school app, book and person names from. */
export const appPrefixes = [
  'Pocket', 'Smart', 'Bright', 'Little', 'Super', 'Easy', 'Daily', 'Quick', 'My', 'Explore',
  'Happy', 'Clever', 'Star', 'Spark', 'Tiny', 'Mighty', 'Open', 'Crystal', 'Bold', 'Swift',
] as const;

export const appSubjects = [
  'Math', 'Algebra', 'Geometry', 'Chemistry', 'Physics', 'Biology', 'Spanish', 'French', 'Reading',
  'Spelling', 'Phonics', 'Coding', 'Music', 'Art', 'History', 'Geography', 'Astronomy', 'Typing',
  'Vocabulary', 'Fractions', 'Statistics', 'Anatomy', 'Robotics', 'Grammar', 'Chess', 'Piano',
  'Writing', 'Ecology', 'Weather', 'Mandarin',
] as const;

export const appSuffixes = [
  'Lab', 'Studio', 'Quest', 'Coach', 'Explorer', 'Academy', 'Builder', 'Pro', 'Adventures',
  'Flashcards', 'Tutor', 'Playground', 'Journal', 'Notes', 'Workshop', 'Challenge', 'Kit', 'World',
] as const;

export const bookAdjectives = [
  'Silent', 'Hidden', 'Golden', 'Lost', 'Secret', 'Winter', 'Summer', 'Brave', 'Wandering', 'Distant',
  'Forgotten', 'Painted', 'Northern', 'Quiet', 'Curious',
] as const;

export const bookNouns = [
  'River', 'Garden', 'Lighthouse', 'Orchard', 'Voyage', 'Mountain', 'Kingdom', 'Library', 'Forest',
  'Harbor', 'Island', 'Bridge', 'Comet', 'Meadow', 'Clockmaker',
] as const;

export const firstNames = [
  'Ava', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Amara', 'Kenji',
  'Zara', 'Omar', 'Chloe', 'Diego', 'Priya', 'Leo', 'Hannah', 'Yusuf', 'Grace', 'Ivan', 'Nora', 'Malik',
  'Aiko', 'Samuel', 'Elena', 'Theo', 'Isla', 'Ravi',
] as const;

export const lastNames = [
  'Smith', 'Garcia', 'Nguyen', 'Johnson', 'Patel', 'Kim', 'Brown', 'Lopez', 'Okafor', 'Meyer', 'Rossi',
  'Silva', 'Cohen', 'Tanaka', 'Khan', 'Martin', 'Novak', 'Hughes', 'Diaz', 'Walker', 'Ahmed', 'Clark',
  'Lee', 'Moreau', 'Santos',
] as const;

/** Platform sets of generated apps, with the lookup's model names for each platform. */
export const platformSets = [['iOS'], ['iOS'], ['iOS', 'macOS'], ['iOS', 'macOS', 'tvOS'], ['macOS']] as const;

export const devicesByPlatform: Readonly<Record<string, string[]>> = {
  iOS: ['iPhone15-iPhone15', 'iPadPro11M4-iPadPro11M4'],
  macOS: ['MacDesktop-MacDesktop'],
  tvOS: ['AppleTV4K-AppleTV4K'],
};
