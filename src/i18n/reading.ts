import type { Catalogue } from './catalogue';

/** `/reading` (`/lecture`): the command's texts, the prompts, the status and every answer. */
export const readingMessages = {
  'command.reading.name': { fr: 'lecture', en: 'reading' },
  'command.reading.description': {
    fr: 'Plans de lecture : une section par semaine, avec ses questions et un fil de discussion',
    en: 'Reading plans: one section a week, with its questions and a discussion thread',
  },
  'command.reading.start.name': { fr: 'lancer', en: 'start' },
  'command.reading.start.description': {
    fr: 'Lance un plan de lecture hebdomadaire dans un salon',
    en: 'Start a weekly reading plan in a channel',
  },
  'command.reading.start.option.channel.name': { fr: 'salon', en: 'channel' },
  'command.reading.start.option.channel.description': {
    fr: 'Le salon où publier chaque semaine',
    en: 'The channel to post in every week',
  },
  'command.reading.start.option.weekday.name': { fr: 'jour', en: 'weekday' },
  'command.reading.start.option.weekday.description': {
    fr: 'Le jour de la semaine, par exemple mardi',
    en: 'The day of the week, for example Tuesday',
  },
  'command.reading.start.option.time.name': { fr: 'heure', en: 'time' },
  'command.reading.start.option.time.description': {
    fr: 'L’heure, HH:MM sur 24 heures, par exemple 18:30',
    en: 'The time, HH:MM on a 24-hour clock, for example 18:30',
  },
  'command.reading.start.option.timezone.name': { fr: 'fuseau', en: 'timezone' },
  'command.reading.start.option.timezone.description': {
    fr: 'Le fuseau horaire, par exemple Europe/Paris (par défaut, celui de Tribune)',
    en: 'The time zone, for example Europe/Paris (Tribune’s by default)',
  },
  'command.reading.start.option.text.name': { fr: 'texte', en: 'text' },
  'command.reading.start.option.text.description': {
    fr: 'Le texte à lire (par défaut, le premier)',
    en: 'The text to read (the first one by default)',
  },
  'command.reading.start.option.from_section.name': { fr: 'depuis_section', en: 'from_section' },
  'command.reading.start.option.from_section.description': {
    fr: 'La section de la première semaine (par défaut, 1)',
    en: 'The section of the first week (1 by default)',
  },
  'command.reading.start.option.role.name': { fr: 'rôle', en: 'role' },
  'command.reading.start.option.role.description': {
    fr: 'Le rôle à mentionner à chaque publication (personne d’autre ne l’est)',
    en: 'The role to ping with each prompt (nobody else is pinged)',
  },
  'command.reading.start.option.thread.name': { fr: 'fil', en: 'thread' },
  'command.reading.start.option.thread.description': {
    fr: 'Ouvrir un fil de discussion sur chaque publication (oui par défaut)',
    en: 'Open a discussion thread on each prompt (yes by default)',
  },
  'command.reading.status.name': { fr: 'état', en: 'status' },
  'command.reading.status.description': {
    fr: 'Les plans de lecture du serveur : progression, prochaine date, pauses',
    en: 'This server’s reading plans: progress, next date, pauses',
  },
  'command.reading.preview.name': { fr: 'aperçu', en: 'preview' },
  'command.reading.preview.description': {
    fr: 'Montre la prochaine publication, rien qu’à vous',
    en: 'Show the next prompt, to you only',
  },
  'command.reading.next.name': { fr: 'suivante', en: 'next' },
  'command.reading.next.description': {
    fr: 'Publie la prochaine section maintenant ; le calendrier continue ensuite',
    en: 'Post the next prompt now; the schedule continues from there',
  },
  'command.reading.skip.name': { fr: 'sauter', en: 'skip' },
  'command.reading.skip.description': {
    fr: 'Saute la prochaine semaine (la section attend la suivante)',
    en: 'Skip the next week (its section waits for the week after)',
  },
  'command.reading.pause.name': { fr: 'pause', en: 'pause' },
  'command.reading.pause.description': {
    fr: 'Met le plan en pause',
    en: 'Pause the plan',
  },
  'command.reading.resume.name': { fr: 'reprendre', en: 'resume' },
  'command.reading.resume.description': {
    fr: 'Reprend un plan en pause à partir de maintenant',
    en: 'Resume a paused plan from now on',
  },
  'command.reading.stop.name': { fr: 'arrêter', en: 'stop' },
  'command.reading.stop.description': {
    fr: 'Arrête et efface le plan',
    en: 'Stop and delete the plan',
  },
  'command.reading.progress.name': { fr: 'progression', en: 'progress' },
  'command.reading.progress.description': {
    fr: 'Ce que vous avez lu du plan, et la suite (visible de vous seul)',
    en: 'What you have read of the plan, and what comes next (only you see it)',
  },
  'command.reading.option.plan.name': { fr: 'salon', en: 'channel' },
  'command.reading.option.plan.description': {
    fr: 'Le salon du plan (par défaut, celui-ci ou le seul plan du serveur)',
    en: 'The plan’s channel (by default this one, or the server’s only plan)',
  },

  'reading.prompt.title': { fr: 'Semaine {week} — {title}', en: 'Week {week} — {title}' },
  'reading.prompt.continue': {
    fr: '*La suite de la section : `/section section:{section} texte:{text}`*',
    en: '*The rest of the section: `/section section:{section} text:{text}`*',
  },
  'reading.read.button': { fr: '✅ J’ai lu', en: '✅ I’ve read it' },
  'reading.read.buttonCount': { fr: '✅ J’ai lu · {count}', en: '✅ I’ve read it · {count}' },
  'reading.read.marked': {
    fr: 'Noté : vous avez lu « {title} ». `/lecture progression` montre où vous en êtes.',
    en: 'Noted: you have read “{title}”. `/reading progress` shows where you are.',
  },
  'reading.read.unmarked': {
    fr: 'Marque retirée : « {title} » n’est plus noté comme lu. Cliquez à nouveau pour le noter.',
    en: 'Mark removed: “{title}” is no longer marked as read. Click again to mark it.',
  },
  'reading.progress.title': {
    fr: 'Votre lecture de « {title} »',
    en: 'Your reading of “{title}”',
  },
  'reading.progress.summary': {
    fr: {
      one: '{count} semaine lue sur {total} publiées.',
      other: '{count} semaines lues sur {total} publiées.',
    },
    en: {
      one: '{count} week read of {total} posted.',
      other: '{count} weeks read of {total} posted.',
    },
  },
  'reading.progress.read': { fr: '✅ Semaine {week} — {title}', en: '✅ Week {week} — {title}' },
  'reading.progress.unread': { fr: '▫️ Semaine {week} — {title}', en: '▫️ Week {week} — {title}' },
  'reading.progress.next': {
    fr: 'À lire ensuite : `/section section:{section} texte:{text}` ({title}).',
    en: 'Read next: `/section section:{section} text:{text}` ({title}).',
  },
  'reading.progress.upcoming': {
    fr: 'Tout est lu ; la prochaine section sort {date}.',
    en: 'All read; the next section comes out {date}.',
  },
  'reading.progress.allRead': {
    fr: 'Vous avez tout lu. Merci d’avoir suivi la lecture !',
    en: 'You have read everything. Thank you for following along!',
  },
  'reading.progress.nothingYet': {
    fr: 'Aucune section n’est encore publiée : la première sort {date}.',
    en: 'No section is out yet: the first comes out {date}.',
  },
  'reading.status.reads': { fr: 'Lu par : {weeks}', en: 'Read by: {weeks}' },
  'reading.status.readWeek': { fr: 'S{week} {count}', en: 'W{week} {count}' },
  'reading.prompt.late': {
    fr: '⏰ En retard : cette publication était prévue pour <t:{time}:F>.',
    en: '⏰ Late: this prompt was due <t:{time}:F>.',
  },
  'reading.prompt.question': { fr: 'Question {number}', en: 'Question {number}' },
  'reading.closing.title': { fr: 'Fin de la lecture : {title}', en: 'End of the reading: {title}' },
  'reading.closing.thread': { fr: 'Bilan — {title}', en: 'Wrap-up — {title}' },
  'reading.closing.intro': {
    fr: {
      one: 'Nous avons lu ce texte ensemble, en une semaine. Merci à toutes et à tous ! La discussion :',
      other:
        'Nous avons lu ce texte ensemble, semaine après semaine ({count} semaines en tout). Merci à toutes et à tous ! Les discussions :',
    },
    en: {
      one: 'We read this text together, in one week. Thank you all! The discussion:',
      other:
        'We read this text together, week after week ({count} weeks in all). Thank you all! The discussions:',
    },
  },
  'reading.closing.week': {
    fr: '**Semaine {week}** — {title}{link}',
    en: '**Week {week}** — {title}{link}',
  },
  'reading.closing.poll': {
    fr: 'Un sondage suit : quelle section voulez-vous relire ensemble ?',
    en: 'A poll follows: which section would you like to revisit together?',
  },
  'reading.closing.pollQuestion': {
    fr: 'Quelle section voulez-vous relire ensemble ?',
    en: 'Which section would you like to revisit together?',
  },
  'reading.schedule': {
    fr: 'chaque {weekday} à {time} ({zone})',
    en: 'every {weekday} at {time} ({zone})',
  },

  'reading.status.title': { fr: 'Plans de lecture', en: 'Reading plans' },
  'reading.status.none': {
    fr: 'Aucun plan de lecture sur ce serveur. Lancez-en un avec `/lecture lancer`.',
    en: 'No reading plan in this server. Start one with `/reading start`.',
  },
  'reading.status.more': {
    fr: { one: '… et {count} autre', other: '… et {count} autres' },
    en: { one: '… and {count} more', other: '… and {count} more' },
  },
  'reading.status.finished': { fr: '✅ Lecture terminée.', en: '✅ Reading finished.' },
  'reading.status.closingNext': {
    fr: 'Toutes les sections sont publiées ; le bilan vient ensuite.',
    en: 'Every section is out; the wrap-up comes next.',
  },
  'reading.status.progress': {
    fr: 'Progression : section {section} sur {count}',
    en: 'Progress: section {section} of {count}',
  },
  'reading.status.paused': { fr: '⏸ En pause : {reason}', en: '⏸ Paused: {reason}' },
  'reading.status.next': { fr: 'Prochaine publication : {date}', en: 'Next prompt: {date}' },
  'reading.status.lastPost': {
    fr: 'Dernière publication : {date}, à l’heure',
    en: 'Last prompt: {date}, on time',
  },
  'reading.status.lastPostLate': {
    fr: 'Dernière publication : {date}, en retard',
    en: 'Last prompt: {date}, late',
  },
  'reading.status.missed': {
    fr: 'Non publiée : {date} — {reason}',
    en: 'Not posted: {date} — {reason}',
  },
  'reading.pause.manual': {
    fr: 'mis en pause avec `/lecture pause`',
    en: 'paused with `/reading pause`',
  },
  'reading.pause.channelDeleted': {
    fr: 'le salon a été supprimé',
    en: 'the channel was deleted',
  },
  'reading.pause.missingPermission': {
    fr: 'Tribune n’a plus les permissions nécessaires dans le salon (voir, envoyer, intégrer des liens, créer des fils) ; rendez-les-lui puis `/lecture reprendre`',
    en: 'Tribune lost the permissions it needs in the channel (view, send, embed links, create threads); give them back, then `/reading resume`',
  },
  'reading.pause.textMissing': {
    fr: 'le texte n’est plus dans la bibliothèque',
    en: 'the text is no longer in the library',
  },
  'reading.miss.tooLate': {
    fr: 'trop tard au redémarrage de Tribune (au-delà du délai de rattrapage)',
    en: 'too late when Tribune came back (past the catch-up window)',
  },
  'reading.miss.skipped': {
    fr: 'sautée avec `/lecture sauter`',
    en: 'skipped with `/reading skip`',
  },
  'reading.miss.failed': {
    fr: 'l’envoi a échoué après plusieurs essais ({detail})',
    en: 'sending failed after several attempts ({detail})',
  },
  'reading.miss.interrupted': {
    fr: 'l’envoi a été interrompu',
    en: 'sending was interrupted',
  },

  'reading.badWeekday': {
    fr: 'Je ne reconnais pas le jour « {input} ». Écrivez un jour de la semaine, par exemple « mardi ».',
    en: 'I don’t recognise the day “{input}”. Write a day of the week, for example “Tuesday”.',
  },
  'reading.badTime': {
    fr: 'L’heure « {input} » n’est pas valide : écrivez-la HH:MM sur 24 heures, par exemple 18:30.',
    en: 'The time “{input}” is not valid: write it as HH:MM on a 24-hour clock, for example 18:30.',
  },
  'reading.badTimeZone': {
    fr: 'Je ne connais pas le fuseau horaire « {input} ». Choisissez-en un dans la liste, par exemple Europe/Paris.',
    en: 'I don’t know the time zone “{input}”. Pick one from the list, for example Europe/Paris.',
  },
  'reading.sectionOutOfRange': {
    fr: {
      one: '« {title} » a {count} section : choisissez la section 1, pas {section}.',
      other:
        '« {title} » a {count} sections : choisissez une section entre 1 et {count}, pas {section}.',
    },
    en: {
      one: '“{title}” has {count} section: choose section 1, not {section}.',
      other:
        '“{title}” has {count} sections: choose a section between 1 and {count}, not {section}.',
    },
  },
  'reading.everyoneRole': {
    fr: 'Choisissez un rôle précis à mentionner : Tribune ne mentionne jamais tout le serveur.',
    en: 'Choose a specific role to ping: Tribune never pings the whole server.',
  },
  'reading.botCannotPost': {
    fr: 'Tribune ne peut pas publier dans {channel} : il lui manque {permissions}. Donnez-lui ces permissions dans ce salon, ou choisissez-en un autre.',
    en: 'Tribune cannot post in {channel}: it lacks {permissions}. Grant them in that channel, or choose another one.',
  },
  'reading.channelGone': {
    fr: 'Le salon {channel} n’existe plus.',
    en: 'The channel {channel} no longer exists.',
  },
  'reading.channelTaken': {
    fr: '{channel} a déjà un plan de lecture. Arrêtez-le d’abord avec `/lecture arrêter`.',
    en: '{channel} already has a reading plan. Stop it first with `/reading stop`.',
  },
  'reading.noPlan': {
    fr: 'Aucun plan de lecture sur ce serveur. Lancez-en un avec `/lecture lancer`.',
    en: 'No reading plan in this server. Start one with `/reading start`.',
  },
  'reading.noPlanInChannel': {
    fr: 'Il n’y a pas de plan de lecture dans {channel}.',
    en: 'There is no reading plan in {channel}.',
  },
  'reading.whichPlan': {
    fr: 'Ce serveur a plusieurs plans de lecture ({channels}) : indiquez lequel avec l’option `salon`.',
    en: 'This server has several reading plans ({channels}): say which one with the `channel` option.',
  },
  'reading.isPaused': {
    fr: 'Le plan de {channel} est en pause : reprenez-le d’abord avec `/lecture reprendre`.',
    en: 'The plan of {channel} is paused: resume it first with `/reading resume`.',
  },
  'reading.notPaused': {
    fr: 'Le plan de {channel} n’est pas en pause.',
    en: 'The plan of {channel} is not paused.',
  },
  'reading.finished': {
    fr: 'Le plan de {channel} est terminé. Lancez-en un nouveau avec `/lecture lancer`.',
    en: 'The plan of {channel} is finished. Start a new one with `/reading start`.',
  },
  'reading.textMissing': {
    fr: 'Le texte « {text} » de ce plan n’est plus dans la bibliothèque.',
    en: 'This plan’s text “{text}” is no longer in the library.',
  },
  'reading.busy': {
    fr: 'La prochaine publication de {channel} est déjà en cours. Réessayez dans un instant.',
    en: 'The next prompt of {channel} is being posted right now. Try again in a moment.',
  },
  'reading.postFailed': {
    fr: 'La publication dans {channel} a échoué ; `/lecture état` dit pourquoi.',
    en: 'Posting in {channel} failed; `/reading status` says why.',
  },
  'reading.started': {
    fr: 'Plan de lecture créé dans {channel} : « {title} », {schedule}, à partir de la section {section}. Première publication : {date}.',
    en: 'Reading plan created in {channel}: “{title}”, {schedule}, from section {section}. First prompt: {date}.',
  },
  'reading.roleNotMentionable': {
    fr: '⚠️ Le rôle {role} n’est pas mentionnable : rendez-le mentionnable (Paramètres du serveur → Rôles) pour que ses membres soient notifiés.',
    en: '⚠️ The role {role} is not mentionable: make it mentionable (Server Settings → Roles) so its members get notified.',
  },
  'reading.postedReply': {
    fr: 'Publié dans {channel} : {link}\nPublication suivante : {next}.',
    en: 'Posted in {channel}: {link}\nNext prompt: {next}.',
  },
  'reading.skippedReply': {
    fr: 'La semaine du {date} est sautée dans {channel}. Publication suivante : {next}.',
    en: 'The week of {date} is skipped in {channel}. Next prompt: {next}.',
  },
  'reading.pausedReply': {
    fr: 'Le plan de {channel} est en pause. Reprenez-le avec `/lecture reprendre`.',
    en: 'The plan of {channel} is paused. Resume it with `/reading resume`.',
  },
  'reading.resumedReply': {
    fr: 'Le plan de {channel} reprend. Publication suivante : {next}.',
    en: 'The plan of {channel} is back on. Next prompt: {next}.',
  },
  'reading.stoppedReply': {
    fr: 'Le plan de {channel} est arrêté et effacé.',
    en: 'The plan of {channel} is stopped and deleted.',
  },
  'reading.permission.ViewChannel': { fr: 'Voir le salon', en: 'View Channel' },
  'reading.permission.SendMessages': { fr: 'Envoyer des messages', en: 'Send Messages' },
  'reading.permission.EmbedLinks': { fr: 'Intégrer des liens', en: 'Embed Links' },
  'reading.permission.CreatePublicThreads': {
    fr: 'Créer des fils publics',
    en: 'Create Public Threads',
  },
  'reading.permission.SendMessagesInThreads': {
    fr: 'Envoyer des messages dans les fils',
    en: 'Send Messages in Threads',
  },
} satisfies Catalogue;
