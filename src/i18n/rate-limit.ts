import type { Catalogue } from './catalogue';

/** Answers to a member going faster than any person would (see `src/rate-limit/`). */
export const rateLimitMessages = {
  'rateLimit.readMark': {
    fr: 'Vous cliquez très vite : ce clic n’a pas été compté. Réessayez {when}.',
    en: 'You are clicking very fast: this click was not counted. Try again {when}.',
  },
  'rateLimit.vote': {
    fr: 'Vous cliquez très vite : ce clic n’a pas été compté. Vous pourrez voter à nouveau {when}.',
    en: 'You are clicking very fast: this click was not counted. You can vote again {when}.',
  },
  'rateLimit.pollCreate': {
    fr: 'Vous avez créé beaucoup de sondages d’un coup : celui-ci n’a pas été publié. Vous pourrez en créer un autre {when}.',
    en: 'You have created many polls in a row: this one was not posted. You can create another one {when}.',
  },
  'rateLimit.privacy': {
    fr: 'Vous avez fait beaucoup de demandes de confidentialité d’un coup. Réessayez {when}.',
    en: 'You have made many privacy requests in a row. Please try again {when}.',
  },
  'rateLimit.textUpload': {
    fr: 'Vous avez envoyé beaucoup de fichiers d’un coup : celui-ci n’a pas été lu. Réessayez {when}.',
    en: 'You have sent many files in a row: this one was not read. Try again {when}.',
  },
} satisfies Catalogue;
