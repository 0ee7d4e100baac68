/*
|--------------------------------------------------------------------------
| Validation messages
|--------------------------------------------------------------------------
|
| Every VineJS validator answers in plain words ("Name is required", "At least
| 10 characters"); see #validators/messages. Preloaded from adonisrc.ts.
|
*/
import vine from '@vinejs/vine'
import { HumanMessagesProvider } from '#validators/messages'

const human = new HumanMessagesProvider()
const original = vine.messagesProvider

vine.messagesProvider = human

/*
| A validator keeps the provider it was created with. Plugin settings schemas are
| created while providers boot, before this preload runs: the provider they hold
| answers with the same words.
*/
original.getMessage = human.getMessage.bind(human)
