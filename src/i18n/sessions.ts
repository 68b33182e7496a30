import type { Catalogue } from './catalogue';

/** Reading sessions: `/reading start`'s meeting options, scheduled events, reminders. */
export const sessionMessages = {
  'command.reading.start.option.meeting.name': { fr: 'séance', en: 'meeting' },
  'command.reading.start.option.meeting.description': {
    fr: 'Jour et heure de la discussion, par exemple « jeudi 19:00 » (par défaut, ceux de la publication)',
    en: 'Day and time of the discussion, for example “Thursday 19:00” (the prompt’s by default)',
  },
  'command.reading.start.option.voice_channel.name': { fr: 'salon_vocal', en: 'voice_channel' },
  'command.reading.start.option.voice_channel.description': {
    fr: 'Le salon vocal ou de conférence de la discussion : un évènement du serveur chaque semaine',
    en: 'The voice or stage channel of the discussion: a server event every week',
  },
  'command.reading.start.option.place.name': { fr: 'lieu', en: 'place' },
  'command.reading.start.option.place.description': {
    fr: 'Ou un lieu en texte libre (adresse, lien de visio) : un évènement du serveur chaque semaine',
    en: 'Or a place as free text (an address, a video link): a server event every week',
  },
  'command.reading.start.option.duration.name': { fr: 'durée', en: 'duration' },
  'command.reading.start.option.duration.description': {
    fr: 'La durée de la séance, par exemple 90m ou 2h (1 h par défaut)',
    en: 'How long the session lasts, for example 90m or 2h (1 h by default)',
  },
  'command.reading.start.option.remind.name': { fr: 'rappel', en: 'remind' },
  'command.reading.start.option.remind.description': {
    fr: 'Un rappel dans le fil de la semaine, ce temps avant la séance : 2h, 1j… (aucun par défaut)',
    en: 'A reminder in the week’s thread, this long before the session: 2h, 1d… (none by default)',
  },

  'sessions.started': {
    fr: 'Séances : {schedule}, {duration}{place}{reminder}.',
    en: 'Sessions: {schedule}, {duration}{place}{reminder}.',
  },
  'sessions.startedReminder': {
    fr: ', rappel {remind} avant dans le fil',
    en: ', reminder {remind} before in the thread',
  },
  'sessions.noEventPermission': {
    fr: '⚠️ Tribune ne peut pas créer les évènements des séances{where} : il lui manque {permissions}. Le plan fonctionne sans eux ; donnez-lui ces permissions et les séances suivantes apparaîtront dans les évènements du serveur.',
    en: '⚠️ Tribune cannot create the sessions’ events{where}: it lacks {permissions}. The plan runs without them; grant those permissions and the next sessions will show in the server’s events.',
  },
  'sessions.noEventPermissionWhere': { fr: ' dans {channel}', en: ' in {channel}' },
  'sessions.permission.CreateEvents': { fr: 'Créer des évènements', en: 'Create Events' },
  'sessions.permission.Connect': { fr: 'Se connecter', en: 'Connect' },
  'sessions.permission.ManageChannels': { fr: 'Gérer les salons', en: 'Manage Channels' },
  'sessions.permission.MuteMembers': { fr: 'Rendre les membres muets', en: 'Mute Members' },
  'sessions.permission.MoveMembers': { fr: 'Déplacer des membres', en: 'Move Members' },

  'sessions.badMeeting': {
    fr: 'Je ne comprends pas la séance « {input} » : écrivez un jour et une heure sur 24 heures, par exemple « jeudi 19:00 ».',
    en: 'I don’t understand the meeting “{input}”: write a day and a time on a 24-hour clock, for example “Thursday 19:00”.',
  },
  'sessions.twoPlaces': {
    fr: 'Choisissez un seul lieu : un salon vocal, ou un lieu en texte libre, pas les deux.',
    en: 'Choose one place: a voice channel, or a place as free text, not both.',
  },
  'sessions.badPlace': {
    fr: 'Le lieu doit faire entre 1 et {max} caractères.',
    en: 'The place must be 1 to {max} characters long.',
  },
  'sessions.badDuration': {
    fr: 'La durée « {input} » n’est pas valide : entre 5 minutes et 24 heures, par exemple 90m ou 2h.',
    en: 'The duration “{input}” is not valid: between 5 minutes and 24 hours, for example 90m or 2h.',
  },
  'sessions.badRemind': {
    fr: 'Le rappel « {input} » n’est pas valide : entre 5 minutes et 6 jours avant la séance, par exemple 2h ou 1j.',
    en: 'The reminder “{input}” is not valid: between 5 minutes and 6 days before the session, for example 2h or 1d.',
  },
  'sessions.remindBeforePrompt': {
    fr: 'Un rappel {remind} avant la séance tomberait avant la publication de la semaine, qui ouvre le fil où il est posté : choisissez un rappel plus court, ou une séance plus éloignée de la publication.',
    en: 'A reminder {remind} before the session would come before the week’s prompt, which opens the thread it goes in: choose a shorter reminder, or a session further from the prompt.',
  },

  'sessions.status.next': {
    fr: 'Prochaine séance : {date}{place}',
    en: 'Next session: {date}{place}',
  },

  'sessions.event.thread': { fr: 'Discussion : {thread}', en: 'Discussion: {thread}' },
  'sessions.event.read': {
    fr: 'À lire : `/section section:{section} texte:{text}` · la discussion s’ouvre dans {channel}',
    en: 'To read: `/section section:{section} text:{text}` · the discussion opens in {channel}',
  },
  'sessions.event.channel': { fr: 'Discussion dans {channel}', en: 'Discussion in {channel}' },

  'sessions.reminder': {
    fr: '⏰ Rappel : la discussion sur « {title} » commence {time}{place}.',
    en: '⏰ Reminder: the discussion of “{title}” starts {time}{place}.',
  },
} satisfies Catalogue;
