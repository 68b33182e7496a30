import type { Catalogue } from './catalogue';

export const coreMessages = {
  'error.unexpected': {
    fr: 'Désolé, quelque chose s’est mal passé de notre côté. Réessayez dans un instant.',
    en: 'Sorry, something went wrong on our side. Please try again in a moment.',
  },
  'error.unknownCommand': {
    fr: 'Cette commande n’existe plus. Les commandes de Tribune sont peut-être en cours de mise à jour.',
    en: 'This command no longer exists. Tribune’s commands may be being updated.',
  },
  'error.staleButton': {
    fr: 'Ce bouton n’est plus valable. Relancez la commande pour obtenir un message à jour.',
    en: 'This button is no longer valid. Run the command again for an up-to-date message.',
  },
  'error.guildOnly': {
    fr: 'Cette commande ne fonctionne que dans un serveur.',
    en: 'This command only works in a server.',
  },
  'error.missingPermission': {
    fr: 'Il vous faut la permission « {permission} » pour faire cela.',
    en: 'You need the “{permission}” permission to do that.',
  },
  'error.shuttingDown': {
    fr: 'Tribune redémarre. Réessayez dans quelques secondes.',
    en: 'Tribune is restarting. Please try again in a few seconds.',
  },
  'permission.ManageGuild': { fr: 'Gérer le serveur', en: 'Manage Server' },
  'permission.ManageMessages': { fr: 'Gérer les messages', en: 'Manage Messages' },
} satisfies Catalogue;
