import { describe } from 'vitest';
import { roomStorageContract } from './room-storage.contract.ts';
import { MemoryRoomStorage } from './room-storage.ts';

describe('MemoryRoomStorage', () =>
  roomStorageContract(async (test) => test(new MemoryRoomStorage())));
