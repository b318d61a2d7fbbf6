import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { BoardController } from './board.controller.js';

/** The server-rendered pages (templates/pages), signed in with the session cookie. */
@Module({ imports: [AuthModule], controllers: [AuthPagesController, BoardController] })
export class WebModule {}
