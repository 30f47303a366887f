/** A stored version as the server keeps it and the API lists it: the whole document at a moment. */
export interface VersionRecord {
  id: number
  /** 报送（张伟）, 自动保存（wangfang）, or a name staff gave it. */
  name: string
  /** The workflow status when it was taken. */
  status: string
  byUser: string
  createdAt: number
  /** The 退回意见 or the reason given for approving anyway; '' when none. */
  note: string
}
