/*
 * vireo_guest: the smallest guest that behaves like an operating system for
 * the integration tests: a 512-byte boot sector that SeaBIOS loads from a
 * raw disk (virtio or IDE; padded to 1 MiB, since SeaBIOS skips a virtio
 * disk of one sector), so it boots again after every reset.
 *
 * It prints "vireo-guest: up" on COM1 (the serial console, so tests can read
 * it from the pty), enables the ACPI power button, and waits for it, saying
 * "vireo-guest: alive" now and then (QEMU drops what a pty gets while nobody
 * has it open). When the button is pressed it powers the machine off
 * through the ACPI PM1a control register: the same SHUTDOWN (guest-shutdown)
 * that a Linux guest produces for virDomainShutdown. The PM I/O base 0x600
 * is where SeaBIOS puts it on both the i440fx (PIIX4) and q35 (ICH9)
 * machines. The domain needs <features><acpi/></features>.
 *
 * Every byte received on COM1 is echoed back, so that a test can check the
 * input direction of a console stream.
 *
 * It also honours PCI hot-unplug requests on the i440fx root bus, as the
 * ACPI _EJ0 method of an operating system would: QEMU's PIIX4 hotplug
 * registers (0xae00) say which slots the host wants to remove (0xae04),
 * and writing those bits to the eject register (0xae08) removes them, so
 * that device_del completes and QEMU sends DEVICE_DELETED.
 *
 * Built with binutils only: as --32, ld --oformat binary -Ttext 0x7c00.
 */
    .code16
    .section .text
    .globl _start
_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $0x7c00, %sp
    /* PM1a enable: the power button. Before saying "up": QEMU drops a press
     * that arrives while the button is not enabled, and tests press it as
     * soon as they read that line. */
    mov $0x602, %dx
    inw %dx, %ax
    or $0x100, %ax
    outw %ax, %dx
    mov $0xae10, %dx         /* PCI hotplug: select the root bus (0) */
    xor %eax, %eax
    outl %eax, %dx
    mov $hello, %si
    call puts
    xor %ecx, %ecx
wait:
    mov $0xae04, %dx         /* slots the host asks to remove */
    inl %dx, %eax
    test %eax, %eax
    jz 4f
    mov $0xae08, %dx         /* eject them (QEMU takes the lowest each time) */
    outl %eax, %dx
4:
    mov $0x3fd, %dx          /* COM1 line status: was a byte received? */
    inb %dx, %al
    test $1, %al
    jz 5f
    mov $0x3f8, %dx          /* echo it back, for the console stream test */
    inb %dx, %al
    outb %al, %dx
5:
    inc %ecx
    test $0x1fffff, %ecx      /* now and then, say we are alive */
    jnz 3f
    mov $alive, %si
    call puts
3:  mov $0x600, %dx          /* PM1a status: was the button pressed? */
    inw %dx, %ax
    test $0x100, %ax
    jz wait
    mov $0x100, %ax
    outw %ax, %dx            /* clear the status bit */
    mov $bye, %si
    call puts
    mov $0x604, %dx
    mov $0x2000, %ax         /* PM1a control: SLP_EN with SLP_TYP 0, soft off */
    outw %ax, %dx
halt:
    hlt
    jmp halt

puts:                         /* %si: NUL-terminated string → COM1 */
    mov $0x3f8, %dx
1:  lodsb
    test %al, %al
    jz 2f
    outb %al, %dx
    jmp 1b
2:  ret

hello: .asciz "vireo-guest: up\n"
bye:   .asciz "vireo-guest: power button, bye\n"
alive: .asciz "vireo-guest: alive\n"
    .org 510
    .byte 0x55, 0xaa          /* the boot sector signature */
